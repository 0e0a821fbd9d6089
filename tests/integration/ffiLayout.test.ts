import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import koffi from 'koffi';
import { contextParams, modelParams } from '../../main/engine/ffi/contextSettings.js';
import { buildStructTypes, layoutMismatches } from '../../main/engine/ffi/koffiStructs.js';
import { installedNodeLlamaCpp } from '../../main/engine/ffi/library.js';
import { bundledLayoutTable, type LayoutTable } from '../../main/engine/ffi/layoutTable.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

test('the committed layout table is for the installed node-llama-cpp and its llama.cpp release', () => {
  const installed = installedNodeLlamaCpp();
  assert.equal(bundledLayoutTable.nodeLlamaCpp, installed.version);
  assert.equal(bundledLayoutTable.llamaCppRelease, installed.release);
});

test('koffi lays out every struct exactly as the C compiler did', () => {
  const types = buildStructTypes(koffi, bundledLayoutTable);
  assert.deepEqual(layoutMismatches(koffi, types, bundledLayoutTable), []);
  // The check is not vacuous: every struct has fields and a non-zero size.
  for (const layout of Object.values(bundledLayoutTable.structs)) {
    assert.ok(layout.fields.length > 0 && layout.size > 0);
  }
});

test('the layout comparison reports a table that disagrees with koffi', () => {
  const wrong = structuredClone(bundledLayoutTable) as LayoutTable;
  const field = wrong.structs.llama_context_params.fields.find((f) => f.name === 'n_seq_max');
  assert.ok(field);
  field.offset += 4;
  wrong.structs.llama_batch.size += 8;
  const problems = layoutMismatches(koffi, buildStructTypes(koffi, wrong), wrong);
  assert.equal(problems.length, 2);
  assert.match(problems.join('\n'), /n_seq_max: offset/);
  assert.match(problems.join('\n'), /llama_batch: size/);
});

test('every parameter the FFI path sets is a field of its struct', () => {
  const names = (struct: 'llama_context_params' | 'llama_model_params') =>
    new Set(bundledLayoutTable.structs[struct].fields.map((f) => f.name));
  const context = contextParams(
    {},
    { contextSize: 512, threads: 1, flashAttention: 'auto', slidingWindow: false },
  );
  const model = modelParams({}, { gpuLayers: 0, useMmap: true });
  for (const key of Object.keys(context)) assert.ok(names('llama_context_params').has(key), key);
  for (const key of Object.keys(model)) assert.ok(names('llama_model_params').has(key), key);
});

const haveCompiler =
  spawnSync(process.env.CC ?? 'cc', ['--version']).status === 0 &&
  spawnSync('git', ['--version']).status === 0;

test('regenerating the table from the bundled llama.h gives the committed file', {
  skip: !haveCompiler && 'needs cc and git',
}, () => {
  const output = execFileSync(process.execPath, ['scripts/ffi/generate-layout.mjs', '--check'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.match(output, /up to date/);
});
