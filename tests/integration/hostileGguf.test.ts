import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRose } from '../../main/app/createRose.js';
import { readGgufInfoIsolated } from '../../main/models/ggufInfoIsolated.js';
import { ModelDownloads } from '../../main/services/modelDownloads.js';
import { ModelLibrary } from '../../main/services/models.js';
import { ggufWithStringLength } from '../support/hostileGguf.js';
import { startModelFileServer } from '../support/modelFileServer.js';
import { runRose } from '../support/runCli.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

/**
 * A GGUF whose first metadata string claims 2^31 + 7 bytes makes node-llama-cpp's reader abort
 * its process (exit 134). Every way such a file can reach Rose must end in a coded error with
 * the process alive: these tests run in-process or check the exit code of the CLI.
 */
const hostile = await ggufWithStringLength();

function hostileFile(dir: string, name = 'hostile.gguf'): string {
  const path = join(dir, name);
  writeFileSync(path, hostile);
  return path;
}

test('the child-process reader survives what would abort the app', { timeout: 60_000 }, async (t) => {
  // Straight to node-llama-cpp's reader, skipping the header check: the child dies, not us.
  await assert.rejects(readGgufInfoIsolated(hostileFile(tempDir(t))), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'gguf-unreadable');
    assert.match(error.message, /hostile\.gguf/);
    assert.match(error.message, /SIGABRT|exit code/);
    return true;
  });
  const fileInfo = await readGgufInfoIsolated(await getTinyModel());
  assert.equal(fileInfo.metadata.general.architecture, 'llama', 'a good file is read in the child');
});

test('CLI: models info, models import, generate and serve --model answer with one coded line', {
  timeout: 120_000,
}, async (t) => {
  const dir = tempDir(t);
  const path = hostileFile(dir);
  const dataDir = join(dir, 'data');
  for (const args of [
    ['models', 'info', path],
    ['models', 'import', path, '--data-dir', dataDir],
    ['generate', '--model', path, '--threads', '1', '--max-tokens', '2', 'Hello'],
    ['serve', '--model', path, '--port', '0', '--threads', '1', '--data-dir', dataDir],
  ]) {
    const result = await runRose(args);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /^rose: .*hostile\.gguf has a damaged GGUF header/, args.join(' '));
    assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
  }
  assert.deepEqual(
    readdirSync(dataDir).filter((name) => name.endsWith('.gguf')),
    [],
  );
});

test('a truncated GGUF gets Rose’s message only, no llama.cpp lines first', {
  timeout: 60_000,
}, async (t) => {
  const path = join(tempDir(t), 'cut.gguf');
  const whole = readFileSync(await getTinyModel());
  writeFileSync(path, whole.subarray(0, Math.floor(whole.length * 0.6)));
  const result = await runRose(['generate', '--model', path, '--threads', '1', '--max-tokens', '2', 'Hi']);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /^rose: cut\.gguf is truncated/);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
});

test('app: models.import and models.load of a file damaged after import, hardware.get: coded errors, app alive', {
  timeout: 120_000,
}, async (t) => {
  const dir = tempDir(t);
  const rose = await createRose({ dataDir: join(dir, 'data'), threads: 1, log: () => {} });
  t.after(() => rose.dispose());

  const imported = await rose.handlers['app:models.import']({ path: hostileFile(dir) });
  assert.ok(!imported.ok && imported.error.code === 'gguf-damaged', JSON.stringify(imported));

  // A good file, registered, then overwritten on disk with the hostile bytes.
  const registeredPath = join(dir, 'later-damaged.gguf');
  copyFileSync(await getTinyModel(), registeredPath);
  const good = await rose.handlers['app:models.import']({ path: registeredPath });
  assert.ok(good.ok, JSON.stringify(good));
  writeFileSync(registeredPath, hostile);

  const loaded = await rose.handlers['app:models.load']({ modelId: good.value.id });
  assert.ok(!loaded.ok && loaded.error.code === 'gguf-damaged', JSON.stringify(loaded));
  const hardware = await rose.handlers['app:hardware.get']({});
  assert.ok(hardware.ok, JSON.stringify(hardware));
  const local = hardware.value.local.find((entry) => entry.modelId === good.value.id);
  assert.match(local?.error ?? '', /damaged GGUF header/);

  const stillHere = await rose.handlers['app:models.list']({});
  assert.ok(stillHere.ok && stillHere.value.some((model) => model.id === good.value.id));
});

test('rose hardware with a registered file damaged later lists the error and exits 0', {
  timeout: 120_000,
}, async (t) => {
  const dir = tempDir(t);
  const dataDir = join(dir, 'data');
  const registeredPath = join(dir, 'later-damaged.gguf');
  copyFileSync(await getTinyModel(), registeredPath);
  const imported = await runRose(['models', 'import', registeredPath, '--data-dir', dataDir]);
  assert.equal(imported.code, 0, imported.stderr);
  writeFileSync(registeredPath, hostile);
  const result = await runRose(['hardware', '--json', '--data-dir', dataDir]);
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout) as { local: { error?: string }[] };
  assert.match(report.local[0]?.error ?? '', /damaged GGUF header/);
});

test('a download of such a file is rejected before it is marked ready, and nothing is left pending', {
  timeout: 120_000,
}, async (t) => {
  const server = await startModelFileServer(hostile, 'hostile.gguf');
  t.after(() => server.close());
  const library = new ModelLibrary({ dataDir: tempDir(t) });
  const downloads = new ModelDownloads(library, {
    chunkBytes: 64 * 1024,
    connections: 2,
    retry: { retries: 1, minDelayMs: 10, maxDelayMs: 20, factor: 2 },
    progressIntervalMs: 0,
  });
  const handle = await downloads.start({ uri: server.url });
  await assert.rejects(handle.done, { code: 'gguf-damaged', message: /download rejected and deleted/ });
  assert.deepEqual(await library.list(), []);
  assert.deepEqual(await downloads.pending(), []);
  assert.deepEqual(readdirSync(library.modelsDir), []);
});
