import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Llama } from 'node-llama-cpp';
import { isUserError } from '../../shared/errors.js';
import { runCanaryProcess } from '../../main/engine/ffi/canary.js';
import { checkFfiGate, chooseLogitsSource } from '../../main/engine/ffi/gate.js';
import { testLlama } from '../support/ffiFixture.js';
import { bundledLayoutTable, type LayoutTable } from '../../main/engine/ffi/layoutTable.js';

let llama: Llama;
let cacheDir: string;

before(async () => {
  llama = await testLlama();
  cacheDir = await mkdtemp(join(tmpdir(), 'rose-ffi-gate-test-'));
});

after(async () => {
  await llama.dispose();
  await rm(cacheDir, { recursive: true, force: true });
});

function tableWith(change: (table: LayoutTable) => void): LayoutTable {
  const table = structuredClone(bundledLayoutTable) as LayoutTable;
  change(table);
  return table;
}

const shiftedOffset = tableWith((t) => {
  const field = t.structs.llama_context_params.fields.find((f) => f.name === 'n_threads');
  if (field) field.offset += 4;
});
const wrongDefault = tableWith((t) => {
  if (t.structs.llama_context_params.defaults) t.structs.llama_context_params.defaults.n_seq_max = 7;
});
const smallerStruct = tableWith((t) => {
  // The struct "lost" its last fields: koffi agrees (same fields), but the library writes more.
  const layout = t.structs.llama_model_params;
  layout.fields = layout.fields.filter((f) => f.offset < 72);
  layout.size = 72;
  for (const name of Object.keys(layout.defaults ?? {}))
    if (!layout.fields.some((f) => f.name === name)) delete layout.defaults?.[name];
});
const otherVersion = tableWith((t) => {
  t.nodeLlamaCpp = '3.0.0';
});

test('a wrong layout table fails the gate in-process, with the reason, and the API source is chosen', async () => {
  const cases: Array<[LayoutTable, string, RegExp]> = [
    [shiftedOffset, 'layout', /n_threads: offset/],
    [wrongDefault, 'defaults', /n_seq_max: default 1 in the library, 7 in the table/],
    [smallerStruct, 'defaults', /wrote past the 72 bytes of llama_model_params/],
    [otherVersion, 'versions', /layout table is for 3\.0\.0/],
  ];
  for (const [layoutTable, stage, reason] of cases) {
    const gate = await checkFfiGate({ gpu: llama.gpu, cacheDir, layoutTable });
    assert.equal(gate.ok, false);
    assert.ok(!gate.ok);
    assert.equal(gate.stage, stage);
    assert.match(gate.reason, reason);
    const choice = await chooseLogitsSource({ gpu: llama.gpu, cacheDir, layoutTable, env: {} });
    assert.equal(choice.kind, 'api');
    assert.match(choice.reason, new RegExp(`FFI gate failed at ${stage}`));
  }
  // Still alive and still able to use node-llama-cpp after all of that.
  assert.equal(llama.disposed, false);
});

test('ROSE_LOGITS forces a source; an impossible ffi request is a user error, a bad value too', async () => {
  const api = await chooseLogitsSource({ gpu: llama.gpu, cacheDir, env: { ROSE_LOGITS: 'api' } });
  assert.deepEqual(api, { kind: 'api', reason: 'forced by ROSE_LOGITS=api' });

  const ffi = await chooseLogitsSource({
    gpu: llama.gpu,
    cacheDir: join(cacheDir, 'never-written'),
    env: { ROSE_LOGITS: 'ffi' },
  });
  assert.equal(ffi.kind, 'ffi');
  assert.equal(ffi.reason, 'forced by ROSE_LOGITS=ffi');
  // Forcing skips the canary, so nothing was cached.
  await assert.rejects(readFile(join(cacheDir, 'never-written', 'ffi-gate.json')));

  await assert.rejects(
    chooseLogitsSource({ gpu: llama.gpu, cacheDir, layoutTable: shiftedOffset, env: { ROSE_LOGITS: 'ffi' } }),
    (error) =>
      isUserError(error) && error.code === 'ffi-unavailable' && /n_threads: offset/.test(error.message),
  );
  await assert.rejects(
    chooseLogitsSource({ gpu: llama.gpu, cacheDir, env: { ROSE_LOGITS: 'fast' } }),
    (error) => isUserError(error) && error.code === 'bad-rose-logits',
  );
});

test('the canary runs once in a child process, passes, and its verdict is cached per library file', async () => {
  const first = await checkFfiGate({ gpu: llama.gpu, cacheDir });
  assert.ok(first.ok, first.ok ? '' : first.reason);
  assert.equal(first.canary, 'passed');
  const cache = JSON.parse(await readFile(join(cacheDir, 'ffi-gate.json'), 'utf8')) as Record<
    string,
    { ok: boolean }
  >;
  const keys = Object.keys(cache);
  assert.equal(keys.length, 1);
  assert.ok(keys[0]?.startsWith(first.runtime.libraryPath));
  assert.equal(cache[keys[0] as string]?.ok, true);

  const second = await checkFfiGate({ gpu: llama.gpu, cacheDir });
  assert.ok(second.ok);
  assert.equal(second.canary, 'cached');
});

test('a canary that fails in the child is reported as a failure, not a crash', async () => {
  const outcome = await runCanaryProcess({
    table: bundledLayoutTable,
    gpu: llama.gpu,
    expectedLibrary: '/not/the/loaded/libllama.so',
  });
  assert.equal(outcome.ok, false);
  assert.ok(!outcome.ok);
  assert.equal(outcome.transient, false);
  assert.match(outcome.reason, /the canary process loaded .*libllama.*, the app \/not\/the\/loaded/);
});
