import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DownloadEvent } from '../../shared/models.js';
import type { RetryPolicy } from '../../main/models/fileTransfer.js';
import { ModelDownloads } from '../../main/services/modelDownloads.js';
import { ModelLibrary } from '../../main/services/models.js';
import { type ModelFileServer, startModelFileServer } from '../support/modelFileServer.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

/** A 3.4 MB generated model: 52 chunks of 64 KiB, enough to stop and resume in the middle. */
const modelOptions = { layers: 4, embeddingLength: 128, feedForwardLength: 256 };
const retry: RetryPolicy = { retries: 2, minDelayMs: 20, maxDelayMs: 100, factor: 2 };

let file: Buffer;
let fileSha256: string;
let server: ModelFileServer;

before(async () => {
  file = readFileSync(await getTinyModel(modelOptions));
  fileSha256 = createHash('sha256').update(file).digest('hex');
  server = await startModelFileServer(file);
});
after(() => server.close());

function setUp(t: import('node:test').TestContext, freeSpace?: (dir: string) => Promise<number>) {
  server.mode = 'ok';
  server.throttle = undefined;
  server.failFirst = 0;
  server.resetCounters();
  const dataDir = tempDir(t);
  const library = new ModelLibrary({ dataDir, ...(freeSpace ? { freeSpace } : {}) });
  const downloads = new ModelDownloads(library, {
    chunkBytes: 64 * 1024,
    connections: 4,
    retry,
    progressIntervalMs: 0,
  });
  const events: DownloadEvent[] = [];
  downloads.events.on('event', (event) => events.push(event));
  return { dataDir, library, downloads, events };
}

const ofType = <T extends DownloadEvent['type']>(events: DownloadEvent[], type: T) =>
  events.filter((event): event is Extract<DownloadEvent, { type: T }> => event.type === type);

function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

test('a download reports progress over parallel connections and lists the model once verified', async (t) => {
  const { library, downloads, events } = setUp(t);
  const handle = await downloads.start({ uri: server.url });
  const model = await handle.done;

  const [started] = ofType(events, 'started');
  assert.equal(started?.totalBytes, file.length);
  assert.equal(started?.resumedFromBytes, 0);
  assert.equal(started?.connections, 4);
  const progress = ofType(events, 'progress');
  assert.ok(progress.length > 0, 'progress events arrive');
  assert.ok(
    progress.every((event) => event.downloadedBytes <= event.totalBytes && event.bytesPerSecond >= 0),
  );
  assert.equal(progress.at(-1)?.downloadedBytes, file.length);
  assert.deepEqual(
    events.map((event) => event.type).filter((type) => type !== 'progress'),
    ['started', 'verifying', 'completed'],
  );
  const rangeStarts = new Set(server.requests.filter((r) => r.range).map((r) => r.range));
  assert.ok(rangeStarts.size > 1, 'the file was fetched in several ranges');

  assert.equal(model.sha256, fileSha256);
  assert.equal(model.sha256Source, 'computed');
  assert.equal(model.storage, 'downloaded');
  assert.equal(model.metadata.layers, modelOptions.layers);
  assert.deepEqual(readFileSync(model.path), file);
  assert.deepEqual(await library.list(), [model]);
  assert.deepEqual(filesIn(library.modelsDir), ['model.gguf'], 'no partial files are left behind');
  assert.deepEqual(await downloads.pending(), []);
});

test('a published sha256 that matches marks the model verified', async (t) => {
  const { downloads } = setUp(t);
  const model = await (await downloads.start({ uri: server.url, sha256: fileSha256.toUpperCase() })).done;
  assert.equal(model.sha256Source, 'verified');
});

test('a wrong sha256 fails, deletes the file and lists nothing', async (t) => {
  const { library, downloads, events } = setUp(t);
  const wrong = createHash('sha256').update('another file').digest('hex');
  const handle = await downloads.start({ uri: server.url, sha256: wrong });
  await assert.rejects(handle.done, (error: Error & { code?: string }) => {
    assert.equal(error.code, 'sha256-mismatch');
    assert.match(error.message, /deleted/);
    assert.match(error.message, new RegExp(wrong));
    return true;
  });
  assert.equal(ofType(events, 'failed')[0]?.code, 'sha256-mismatch');
  assert.deepEqual(await library.list(), []);
  assert.deepEqual(filesIn(library.modelsDir), []);
  assert.deepEqual(await downloads.pending(), []);
});

test('HTML served instead of a GGUF is rejected with a clear error', async (t) => {
  const { library, downloads } = setUp(t);
  server.mode = 'html';
  const handle = await downloads.start({ uri: server.url });
  await assert.rejects(handle.done, { code: 'not-gguf-html', message: /web page \(HTML\)/ });
  assert.deepEqual(await library.list(), []);
  assert.deepEqual(filesIn(library.modelsDir), []);
});

test('HTTP 404 fails at once with a clear error', async (t) => {
  const { downloads } = setUp(t);
  server.mode = '404';
  await assert.rejects(
    downloads.start({ uri: server.url }).then((handle) => handle.done),
    {
      code: 'download-not-found',
      message: /HTTP 404/,
    },
  );
  assert.ok(server.requests.length <= 2, `404 is not retried (${server.requests.length} requests)`);
});

test('HTTP 500 is retried a bounded number of times, then fails clearly', async (t) => {
  const { downloads } = setUp(t);
  server.mode = '500';
  await assert.rejects(
    downloads.start({ uri: server.url }).then((handle) => handle.done),
    {
      code: 'download-server-error',
      message: /HTTP 500.*retries/,
    },
  );
  assert.equal(server.requests.length, retry.retries + 2, 'the probe, one try and the allowed retries');
});

test('a connection reset is retried a bounded number of times, then fails clearly', async (t) => {
  const { downloads } = setUp(t);
  server.mode = 'reset';
  await assert.rejects(
    downloads.start({ uri: server.url }).then((handle) => handle.done),
    {
      code: 'download-network-error',
      message: /reset/,
    },
  );
  assert.equal(server.requests.length, retry.retries + 2, 'the probe, one try and the allowed retries');
});

test('failures that pass are retried and the download completes', async (t) => {
  const { downloads, events } = setUp(t);
  server.throttle = { bytesPerTick: 64 * 1024, tickMs: 5 };
  const handle = await downloads.start({ uri: server.url });
  await waitFor(events, (event) => event.type === 'started');
  server.failFirst = 2;
  const model = await handle.done;
  assert.equal(model.sha256, fileSha256);
  assert.ok(ofType(events, 'retrying').length >= 1, 'retries are reported');
});

test('a disk too small for the file refuses to start and downloads nothing', async (t) => {
  const { library, downloads } = setUp(t, async () => file.length);
  await assert.rejects(
    downloads.start({ uri: server.url }).then((handle) => handle.done),
    {
      code: 'disk-full',
      message: /not enough disk space/,
    },
  );
  assert.equal(server.rangeBytesServed(), 0);
  assert.deepEqual(filesIn(library.modelsDir), []);
  assert.deepEqual(await downloads.pending(), []);
});

test('pause, resume and cancel', async (t) => {
  const { library, downloads, events } = setUp(t);
  server.throttle = { bytesPerTick: 16 * 1024, tickMs: 20 };
  const first = await downloads.start({ uri: server.url });
  await waitFor(events, (event) => event.type === 'progress');
  downloads.pause(first.downloadId);
  downloads.resume(first.downloadId);
  await first.done;
  assert.deepEqual(
    events.map((event) => event.type).filter((type) => type === 'paused' || type === 'resumed'),
    ['paused', 'resumed'],
  );

  await library.remove((await library.list())[0]!.id);
  events.length = 0;
  const second = await downloads.start({ uri: server.url });
  await waitFor(events, (event) => event.type === 'progress');
  await downloads.cancel(second.downloadId);
  await assert.rejects(second.done, { code: 'download-cancelled' });
  assert.deepEqual(
    ofType(events, 'cancelled').map((event) => event.partialKept),
    [false],
  );
  assert.deepEqual(filesIn(library.modelsDir), []);
  assert.deepEqual(await downloads.pending(), []);
});

test('the model file appears under its name only once complete and verified', async (t) => {
  const { dataDir, library, downloads, events } = setUp(t);
  server.throttle = { bytesPerTick: 16 * 1024, tickMs: 20 };
  const handle = await downloads.start({ uri: server.url });
  await waitFor(events, (event) => event.type === 'progress' && event.downloadedBytes > file.length / 2);
  assert.ok(!filesIn(join(dataDir, 'models')).includes('model.gguf'));
  assert.deepEqual(await library.list(), []);
  assert.equal((await downloads.pending())[0]?.active, true);
  await handle.done;
  assert.deepEqual(filesIn(join(dataDir, 'models')), ['model.gguf']);
});

function waitFor(events: DownloadEvent[], predicate: (event: DownloadEvent) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (events.some(predicate) ? resolve() : setTimeout(poll, 5));
    poll();
  });
}
