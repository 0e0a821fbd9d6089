import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { RoseEvent } from '../../shared/contract/index.js';
import type { DownloadEvent } from '../../shared/models.js';
import { createRose } from '../../main/app/createRose.js';
import { inspectGguf } from '../../main/models/ggufInspect.js';
import { ModelLibrary } from '../../main/services/models.js';
import { ModelsFit } from '../../main/services/modelsFit.js';
import { startModelFileServer } from '../support/modelFileServer.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

test('loading through the app chooses the context size from the fit estimate and reports it', async (t) => {
  const modelPath = await getTinyModel();
  const rose = await createRose({ dataDir: tempDir(t), threads: 1, log: () => {} });
  t.after(() => rose.dispose());
  const loadedEvents: RoseEvent[] = [];
  rose.events.subscribe((event) => {
    if (event.type === 'model.loaded') loadedEvents.push(event);
  });

  const imported = await rose.handlers['app:models.import']({ path: modelPath });
  assert.ok(imported.ok, JSON.stringify(imported));
  const loaded = await rose.handlers['app:models.load']({ modelId: imported.value.id });
  assert.ok(loaded.ok, JSON.stringify(loaded));
  const model = loaded.value;

  // The same estimate, made independently: the tiny model fits this machine at its training context.
  const trained = (await inspectGguf(modelPath)).metadata.contextLength;
  const expected = await new ModelsFit(new ModelLibrary({ dataDir: tempDir(t) })).fileFit(
    modelPath,
    Math.min(4096, trained),
  );
  assert.ok(model.autoFit, 'the load reports how it chose its context size');
  assert.equal(model.autoFit.contextSize, Math.min(4096, trained));
  assert.equal(model.autoFit.verdict, expected.verdict);
  assert.equal(model.autoFit.totalLayers, expected.totalLayers);
  assert.deepEqual(model.autoFit.tried, [{ contextSize: expected.contextSize, verdict: expected.verdict }]);
  assert.equal(model.contextSize, model.autoFit.contextSize, 'the engine runs at the chosen size');

  const current = await rose.handlers['app:models.current']({});
  assert.ok(current.ok);
  assert.deepEqual(current.value?.autoFit, model.autoFit);
  const event = loadedEvents.at(-1);
  assert.ok(event?.type === 'model.loaded');
  assert.deepEqual(event.model.autoFit, model.autoFit);
});

test('a download through the app can be paused, listed, resumed and completes', async (t) => {
  const server = await startModelFileServer(readFileSync(await getTinyModel()), 'tiny-chat.gguf');
  t.after(() => server.close());
  server.throttle = { bytesPerTick: 16 * 1024, tickMs: 20 };
  const rose = await createRose({ dataDir: tempDir(t), threads: 1, log: () => {} });
  t.after(() => rose.dispose());
  const events: DownloadEvent[] = [];
  const waiters: Array<() => void> = [];
  rose.events.subscribe((event) => {
    if (event.type !== 'download') return;
    events.push(event.event);
    for (const wake of waiters.splice(0)) wake();
  });
  const waitFor = async (type: DownloadEvent['type']) => {
    while (!events.some((e) => e.type === type)) await new Promise<void>((wake) => waiters.push(wake));
  };

  const started = await rose.handlers['app:models.download']({ uri: server.url });
  assert.ok(started.ok, JSON.stringify(started));
  const { downloadId } = started.value;
  await waitFor('progress');

  const paused = await rose.handlers['app:models.pauseDownload']({ downloadId });
  assert.ok(paused.ok, JSON.stringify(paused));
  await waitFor('paused');
  const pending = await rose.handlers['app:models.downloads']({});
  assert.ok(pending.ok);
  assert.deepEqual(
    pending.value.map(({ uri, active, downloadId: id }) => ({ uri, active, id })),
    [{ uri: server.url, active: true, id: downloadId }],
  );

  assert.ok((await rose.handlers['app:models.resumeDownload']({ downloadId })).ok);
  await waitFor('completed');
  assert.ok(events.some((e) => e.type === 'resumed'));
  const list = await rose.handlers['app:models.list']({});
  assert.ok(list.ok);
  assert.deepEqual(
    list.value.map((m) => m.sourceUri),
    [server.url],
  );
  const after = await rose.handlers['app:models.downloads']({});
  assert.ok(after.ok);
  assert.deepEqual(after.value, []);

  const unknown = await rose.handlers['app:models.pauseDownload']({ downloadId: 'nope' });
  assert.ok(!unknown.ok && unknown.error.code === 'download-not-found', JSON.stringify(unknown));
});
