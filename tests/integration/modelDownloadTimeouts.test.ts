import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { RetryPolicy } from '../../main/models/fileTransfer.js';
import type { TransferTimeouts } from '../../main/models/serverProbe.js';
import { ModelDownloads } from '../../main/services/modelDownloads.js';
import { ModelLibrary } from '../../main/services/models.js';
import type { DownloadEvent } from '../../shared/models.js';
import { type ModelFileServer, startModelFileServer } from '../support/modelFileServer.js';
import { runRose } from '../support/runCli.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

const modelOptions = { layers: 4, embeddingLength: 128, feedForwardLength: 256 };
const retry: RetryPolicy = { retries: 2, minDelayMs: 20, maxDelayMs: 100, factor: 2 };
// Short deadlines keep the test quick; the defaults are tens of seconds.
const timeouts: TransferTimeouts = { answerMs: 400, idleMs: 400 };

let file: Buffer;
let fileSha256: string;
let server: ModelFileServer;

before(async () => {
  file = readFileSync(await getTinyModel(modelOptions));
  fileSha256 = createHash('sha256').update(file).digest('hex');
  server = await startModelFileServer(file);
});
after(() => server.close());

function setUp(t: import('node:test').TestContext, mode: ModelFileServer['mode'], stallAfterBytes = 1024) {
  server.mode = mode;
  server.stallAfterBytes = stallAfterBytes;
  server.resetCounters();
  const library = new ModelLibrary({ dataDir: tempDir(t) });
  const downloads = new ModelDownloads(library, {
    chunkBytes: 64 * 1024,
    connections: 4,
    retry,
    timeouts,
    progressIntervalMs: 0,
  });
  const events: DownloadEvent[] = [];
  downloads.events.on('event', (event) => events.push(event));
  return { library, downloads, events };
}

async function failure(done: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await done;
  } catch (error) {
    return error as { code: string; message: string };
  }
  assert.fail('the download should have failed');
}

test('a server that stalls after 1 KB fails as "stopped sending" after bounded retries, and resumes later', async (t) => {
  const { library, downloads, events } = setUp(t, 'stall');
  const handle = await downloads.start({ uri: server.url });
  const error = await failure(handle.done);
  assert.equal(error.code, 'download-stalled');
  assert.match(error.message, /^the server 127\.0\.0\.1:\d+ stopped sending .*tried 3 times.*resume/);
  const retries = events.filter(
    (event) => event.type === 'retrying' && event.reason === 'the server stopped sending',
  );
  assert.equal(retries.length, retry.retries);
  assert.ok(events.some((event) => event.type === 'failed' && event.code === 'download-stalled'));

  server.mode = 'ok';
  const again = await downloads.start({ uri: server.url });
  const model = await again.done;
  assert.equal(model.sha256, fileSha256);
  assert.deepEqual(
    (await library.list()).map((m) => m.sha256),
    [fileSha256],
  );
});

test('a download whose server stalls half-way keeps its partial file and resumes from it', async (t) => {
  // Each response stops after whole 64 KiB chunks; no retries, so the first stall ends the download.
  const { library, events } = setUp(t, 'stall', 256 * 1024);
  const noRetry = { ...retry, retries: 0 };
  const downloads = new ModelDownloads(library, {
    chunkBytes: 64 * 1024,
    connections: 4,
    retry: noRetry,
    timeouts,
    progressIntervalMs: 0,
  });
  downloads.events.on('event', (event) => events.push(event));
  const error = await failure((await downloads.start({ uri: server.url })).done);
  assert.equal(error.code, 'download-stalled');
  assert.equal((await downloads.pending()).length, 1, 'the download is remembered for resuming');

  server.mode = 'ok';
  server.resetCounters();
  const resumed = await downloads.start({ uri: server.url });
  const model = await resumed.done;
  assert.equal(model.sha256, fileSha256, 'the resumed file is exactly the served one');
  const started = events.filter((event) => event.type === 'started').at(-1);
  assert.ok(started?.type === 'started' && started.resumedFromBytes > 0, 'resumed from the partial file');
  assert.ok(server.rangeBytesServed() < file.length, 'only the rest was fetched');
});

test('a server that accepts and never answers fails as "did not answer", and works once it answers', async (t) => {
  const { downloads } = setUp(t, 'silent');
  const error = await failure(downloads.start({ uri: server.url }).then((handle) => handle.done));
  assert.equal(error.code, 'download-no-answer');
  assert.match(error.message, /^the server 127\.0\.0\.1:\d+ did not answer within 400 ms \(tried 3 times\)/);
  server.mode = 'ok';
  const model = await (await downloads.start({ uri: server.url })).done;
  assert.equal(model.sha256, fileSha256);
});

test('a server that ignores Range is downloaded over one connection, no InvalidContentLengthError', async (t) => {
  const { downloads, events } = setUp(t, 'ignore-range');
  const model = await (await downloads.start({ uri: server.url })).done;
  assert.equal(model.sha256, fileSha256);
  const started = events.find((event) => event.type === 'started');
  assert.ok(started?.type === 'started');
  assert.equal(started.connections, 1);
});

test('rose models download --timeout ends with one clear line against a silent server', async (t) => {
  server.mode = 'silent';
  const result = await runRose([
    'models',
    'download',
    server.url,
    '--timeout',
    '0.2',
    '--data-dir',
    tempDir(t),
  ]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^rose: the server 127\.0\.0\.1:\d+ did not answer within 200 ms/m);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
});
