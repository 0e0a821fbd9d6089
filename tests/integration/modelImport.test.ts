import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { ModelLibrary } from '../../main/services/models.js';
import {
  resolveSyntheticOptions,
  syntheticParameterCount,
} from '../../main/models/synthetic/syntheticModel.js';
import { runRose } from '../support/runCli.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

test('importing a generated model by reference shows its metadata and leaves the file in place', async (t) => {
  const options = { layers: 3, contextLength: 4096 };
  const source = await getTinyModel(options);
  const library = new ModelLibrary({ dataDir: tempDir(t) });
  const model = await library.import(source, { copy: false });
  const expected = resolveSyntheticOptions(options);

  assert.equal(model.storage, 'referenced');
  assert.equal(model.path, source);
  assert.equal(model.metadata.architecture, 'llama');
  assert.equal(model.metadata.layers, expected.layers);
  assert.equal(model.metadata.contextLength, expected.contextLength);
  assert.equal(model.metadata.parameters, syntheticParameterCount(expected));
  assert.equal(model.metadata.quantization, 'F32');
  assert.equal(model.metadata.hasChatTemplate, true);
  assert.match(model.displayName, /^rose-synthetic/);
  assert.deepEqual(await library.list(), [model]);
  assert.equal(
    (await library.import(source, { copy: false })).id,
    model.id,
    'importing again returns the same entry',
  );
  assert.equal((await library.list()).length, 1);

  await library.remove(model.id);
  assert.ok(existsSync(source), 'removing a referenced model never deletes the file');
  assert.deepEqual(await library.list(), []);
});

test('importing with --copy puts the file in the models folder; remove deletes the copy', async (t) => {
  const source = await getTinyModel();
  const dataDir = tempDir(t);
  const result = await runRose(['models', 'import', source, '--copy', '--data-dir', dataDir]);
  assert.equal(result.code, 0, result.stderr);
  const library = new ModelLibrary({ dataDir });
  const [model] = await library.list();
  assert.equal(model?.storage, 'copied');
  assert.equal(model?.path, join(dataDir, 'models', basename(source)));
  assert.deepEqual(readFileSync(model!.path), readFileSync(source));
  assert.deepEqual(readdirSync(dataDir).sort(), ['models', 'models.json'], 'no temporary files are left');

  const list = await runRose(['models', 'list', '--json', '--data-dir', dataDir]);
  assert.deepEqual(JSON.parse(list.stdout), [model]);
  const removed = await runRose(['models', 'remove', model!.id, '--data-dir', dataDir]);
  assert.equal(removed.code, 0, removed.stderr);
  assert.ok(!existsSync(model!.path));
  assert.ok(existsSync(source));
});

test('rose models info prints the metadata of a file without importing it', async (t) => {
  const source = await getTinyModel();
  const dataDir = tempDir(t);
  const result = await runRose(['models', 'info', source, '--json', '--data-dir', dataDir]);
  assert.equal(result.code, 0, result.stderr);
  const info = JSON.parse(result.stdout);
  assert.equal(info.metadata.architecture, 'llama');
  assert.equal(info.sizeBytes, readFileSync(source).length);
  assert.equal(info.registeredAs, undefined);
  assert.ok(!existsSync(join(dataDir, 'models.json')));
});

test('truncated and non-GGUF files are refused with one clear line and nothing is listed', async (t) => {
  const dir = tempDir(t);
  const dataDir = tempDir(t);
  const whole = readFileSync(await getTinyModel());
  const cases: [string, Buffer, RegExp][] = [
    ['cut-in-data.gguf', whole.subarray(0, whole.length - 1000), /cut-in-data\.gguf is truncated/],
    ['cut-in-header.gguf', whole.subarray(0, 20), /cut-in-header\.gguf is truncated/],
    [
      'notes.gguf',
      Buffer.from('these are my notes, not a model\n'.repeat(10)),
      /notes\.gguf is not a GGUF model file/,
    ],
    [
      'page.gguf',
      Buffer.from('<!DOCTYPE html><html><body>404</body></html>'),
      /page\.gguf is a web page \(HTML\)/,
    ],
    ['empty.gguf', Buffer.alloc(0), /empty\.gguf is not a GGUF model file/],
  ];
  for (const [name, bytes, message] of cases) {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const result = await runRose(['models', 'import', path, '--copy', '--data-dir', dataDir]);
    assert.equal(result.code, 2, `${name}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trim().split('\n').length, 1, `${name}: one line, no stack trace`);
  }
  const missing = await runRose(['models', 'import', join(dir, 'absent.gguf'), '--data-dir', dataDir]);
  assert.match(missing.stderr, /absent\.gguf does not exist/);
  assert.deepEqual(await new ModelLibrary({ dataDir }).list(), []);
  assert.deepEqual(
    readdirSync(join(dataDir)).filter((name) => name !== 'models'),
    [],
  );
});

test('removing an unknown id is a clear error', async (t) => {
  const result = await runRose(['models', 'remove', 'nope', '--data-dir', tempDir(t)]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /no model with id 'nope'/);
});
