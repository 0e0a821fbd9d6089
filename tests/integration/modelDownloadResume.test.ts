import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import type { DownloadEvent } from '../../shared/models.js';
import { ModelLibrary } from '../../main/services/models.js';
import { startModelFileServer } from '../support/modelFileServer.js';
import { runRose } from '../support/runCli.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

const childScript = fileURLToPath(new URL('../support/downloadChild.js', import.meta.url));
const modelOptions = { layers: 4, embeddingLength: 128, feedForwardLength: 256 };

/** Runs the real download code in a child; `until` may decide to SIGKILL it on an event. */
function runDownloadChild(
  dataDir: string,
  uri: string,
  killWhen?: (event: DownloadEvent) => boolean,
  onEvent?: (event: DownloadEvent) => void,
): Promise<{ events: DownloadEvent[]; killed: boolean; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, dataDir, uri], { stdio: ['ignore', 'pipe', 'pipe'] });
    const events: DownloadEvent[] = [];
    let killed = false;
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const event = JSON.parse(line) as DownloadEvent;
      events.push(event);
      onEvent?.(event);
      if (!killed && killWhen?.(event)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ events, killed, code, stderr }));
  });
}

test('a download killed mid-way resumes from its partial file and fetches only the rest', async (t) => {
  const file = readFileSync(await getTinyModel(modelOptions));
  const server = await startModelFileServer(file);
  t.after(() => server.close());
  server.throttle = { bytesPerTick: 8 * 1024, tickMs: 10 };
  const dataDir = tempDir(t);

  const first = await runDownloadChild(
    dataDir,
    server.url,
    (event) => event.type === 'progress' && event.downloadedBytes >= file.length * 0.4,
  );
  assert.ok(first.killed, 'the first run was killed mid-way');
  assert.ok(!first.events.some((event) => event.type === 'completed'));
  const library = new ModelLibrary({ dataDir });
  assert.deepEqual(await library.list(), [], 'nothing is listed after a killed download');
  assert.equal(
    (await library.store.read()).downloads[0]?.uri,
    server.url,
    'the interrupted download is remembered',
  );

  server.resetCounters();
  server.throttle = undefined;
  const second = await runDownloadChild(dataDir, server.url);
  assert.equal(second.code, 0);
  const started = second.events.find((event) => event.type === 'started');
  assert.ok(started && started.resumedFromBytes > 0, 'the second run starts from the partial file');
  const fetched = server.rangeBytesServed();
  t.diagnostic(`resumed from ${started.resumedFromBytes}, fetched ${fetched} of ${file.length} bytes`);
  assert.ok(
    fetched > 0 && fetched < file.length,
    `the second run fetched ${fetched} of ${file.length} bytes`,
  );
  assert.ok(fetched <= file.length - started.resumedFromBytes, 'it fetched only what was missing');

  const [model] = await library.list();
  assert.equal(model?.sha256, createHash('sha256').update(file).digest('hex'));
  assert.deepEqual((await library.store.read()).downloads, []);
});

test('a connection lost mid-download fails with a clear error, keeps the partial file, and resumes later', async (t) => {
  const file = readFileSync(await getTinyModel(modelOptions));
  const server = await startModelFileServer(file);
  server.throttle = { bytesPerTick: 8 * 1024, tickMs: 10 };
  const dataDir = tempDir(t);
  let closed: Promise<void> | undefined;
  const first = await runDownloadChild(dataDir, server.url, undefined, (event) => {
    if (!closed && event.type === 'progress' && event.downloadedBytes >= file.length * 0.3)
      closed = server.close();
  });
  await closed;
  assert.equal(first.code, 1, 'the child ends normally with a failure, not a crash');
  assert.equal(first.stderr, '');
  const failed = first.events.find((event) => event.type === 'failed');
  assert.equal(failed?.type === 'failed' && failed.code, 'download-network-error');
  assert.match(failed?.type === 'failed' ? failed.message : '', /run the download again to resume/);

  const port = Number(new URL(server.url).port);
  const again = await startModelFileServer(file, 'model.gguf', port);
  t.after(() => again.close());
  const second = await runDownloadChild(dataDir, again.url);
  assert.equal(second.code, 0);
  const started = second.events.find((event) => event.type === 'started');
  assert.ok(started?.type === 'started' && started.resumedFromBytes > 0);
  assert.ok(again.rangeBytesServed() < file.length);
});

test('rose models download shows progress on stderr, prints the model, and a re-run finds it ready', async (t) => {
  const file = readFileSync(await getTinyModel(modelOptions));
  const server = await startModelFileServer(file, 'tiny-chat.gguf');
  t.after(() => server.close());
  const dataDir = tempDir(t);
  const sha256 = createHash('sha256').update(file).digest('hex');

  const result = await runRose([
    'models',
    'download',
    server.url,
    '--sha256',
    sha256,
    '--json',
    '--data-dir',
    dataDir,
  ]);
  assert.equal(result.code, 0, result.stderr);
  const events = result.stderr
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as DownloadEvent);
  assert.ok(events.some((event) => event.type === 'progress'));
  const model = JSON.parse(result.stdout);
  assert.equal(model.id, 'tiny-chat');
  assert.equal(model.sha256Source, 'verified');

  server.resetCounters();
  const again = await runRose(['models', 'download', server.url, '--data-dir', dataDir]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /ready: tiny-chat/);
  assert.equal(server.requests.length, 0, 'a finished download is not fetched again');

  const wrong = await runRose([
    'models',
    'download',
    server.url.replace('tiny-chat', 'other'),
    '--data-dir',
    dataDir,
  ]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /^rose: the server .* has no such file \(HTTP 404\)/m);
});
