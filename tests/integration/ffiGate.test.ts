import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
import { runRose } from '../support/runCli.js';

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

/** A canary runner that fails the way the field report saw (a probability mismatch), then defers. */
function failingFirst(failures: number) {
  let calls = 0;
  const run: typeof runCanaryProcess = (request, timeoutMs) => {
    calls += 1;
    if (calls <= failures) {
      return Promise.resolve({
        ok: false,
        reason: 'next-token probabilities differ by up to 6.46e-2',
        transient: false,
      });
    }
    return runCanaryProcess(request, timeoutMs);
  };
  return { run, calls: () => calls };
}

test('one failed canary run does not count: it runs again, and a pass keeps the fast path', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rose-ffi-retry-'));
  try {
    const canary = failingFirst(1);
    const gate = await checkFfiGate({ gpu: llama.gpu, cacheDir: dir, runCanary: canary.run });
    assert.equal(canary.calls(), 2);
    assert.ok(gate.ok, gate.ok ? '' : gate.reason);
    assert.equal(gate.canary, 'passed');
    assert.match(gate.detail, /on run 2; run 1 failed: next-token probabilities differ by up to 6\.46e-2/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a canary that fails every run is cached with its evidence, and the next start checks again', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rose-ffi-fails-'));
  try {
    const canary = failingFirst(Number.POSITIVE_INFINITY);
    const gate = await checkFfiGate({ gpu: llama.gpu, cacheDir: dir, runCanary: canary.run });
    assert.ok(!gate.ok);
    assert.equal(gate.stage, 'canary');
    assert.match(gate.reason, /run 1: next-token .*; run 2: next-token/);
    assert.equal(canary.calls(), 2);
    // Within this process the verdict stands (no canary per model load)…
    const again = await checkFfiGate({ gpu: llama.gpu, cacheDir: dir, runCanary: canary.run });
    assert.ok(!again.ok);
    assert.equal(canary.calls(), 2);
    const cache = Object.values(
      JSON.parse(await readFile(join(dir, 'ffi-gate.json'), 'utf8')) as Record<
        string,
        { ok: boolean; reason: string }
      >,
    );
    assert.equal(cache[0]?.ok, false);
    assert.match(cache[0]?.reason ?? '', /run 2: next-token probabilities differ/);

    // …but a new process (here `rose doctor`) does not trust the cached failure: it runs the real
    // canary, which passes here, and says what the earlier check found.
    const doctor = await runRose(['doctor', '--json'], { ROSE_CACHE_DIR: dir, ROSE_LOGITS: '' });
    assert.equal(doctor.code, 0, doctor.stderr);
    const report = JSON.parse(doctor.stdout) as { logits: { source: string; reason: string } };
    assert.equal(report.logits.source, 'ffi');
    assert.match(report.logits.reason, /an earlier check on .* failed: run 1: next-token/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('rose doctor --recheck runs the canary again even when a verdict is cached', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rose-ffi-doctor-'));
  try {
    const first = await checkFfiGate({ gpu: llama.gpu, cacheDir: dir });
    assert.ok(first.ok, first.ok ? '' : first.reason);
    const cachedAt = () =>
      Object.values(
        JSON.parse(readFileSync(join(dir, 'ffi-gate.json'), 'utf8')) as Record<string, { checkedAt: string }>,
      )[0]?.checkedAt;
    const before = cachedAt();
    const plain = await runRose(['doctor', '--json'], { ROSE_CACHE_DIR: dir, ROSE_LOGITS: '' });
    assert.match(JSON.parse(plain.stdout).logits.reason, /cached/);
    assert.equal(cachedAt(), before);
    const recheck = await runRose(['doctor', '--recheck', '--json'], {
      ROSE_CACHE_DIR: dir,
      ROSE_LOGITS: '',
    });
    assert.equal(recheck.code, 0, recheck.stderr);
    assert.equal(JSON.parse(recheck.stdout).logits.source, 'ffi');
    assert.doesNotMatch(JSON.parse(recheck.stdout).logits.reason, /cached/);
    assert.notEqual(cachedAt(), before);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
