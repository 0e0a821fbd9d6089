import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EngineHost } from '../../main/engine/engineHost.js';
import type { EngineEvent, GenerateRequest } from '../../main/engine/types.js';
import { getTinyModel } from '../support/testModels.js';

const request = (maxTokens: number): GenerateRequest => ({
  turns: [{ role: 'user', text: 'Tell me a story.' }],
  rose: { safePrompt: 'Be safe.', reversePrompt: 'Be unsafe.', alpha: 0.5, beta: 0, enabled: true },
  sampling: { temperature: 0, topK: 0, topP: 1, seed: 1 },
  maxTokens,
  ignoreStop: true,
});

describe('the decoding worker behind EngineHost', () => {
  const host = new EngineHost();
  before(async () => {
    const progress: number[] = [];
    const info = await host.loadModel({ path: await getTinyModel(), threads: 1, contextSize: 1024 }, (f) =>
      progress.push(f),
    );
    assert.equal(info.logitsSource === 'api' || info.logitsSource === 'ffi', true);
    assert.equal(progress.at(-1), 1, 'load progress was reported up to completion');
  });
  after(() => host.dispose());

  test('streams started, numbered deltas, then done', async () => {
    const events: EngineEvent[] = [];
    for await (const event of host.generate(request(20))) events.push(event);
    assert.equal(events[0]?.type, 'started');
    const last = events.at(-1)!;
    assert.equal(last.type, 'done');
    const deltas = events.filter((e) => e.type === 'delta');
    assert.deepEqual(
      deltas.map((d) => d.seq),
      deltas.map((_, i) => i),
    );
    assert.equal(deltas.map((d) => d.text).join(''), last.type === 'done' ? last.stats.text : '');
  });

  test('abort mid-stream stops the events, and the next generation works', async () => {
    const stream = host.generate(request(500));
    const events: EngineEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'delta' && event.seq === 2) host.abort(stream.generationId);
    }
    const last = events.at(-1)!;
    assert.equal(last.type, 'aborted');
    assert.ok(last.type === 'aborted' && last.stats.generated < 500);
    assert.equal(events.filter((e) => e.type === 'aborted' || e.type === 'done').length, 1);

    const next: EngineEvent[] = [];
    for await (const event of host.generate(request(5))) next.push(event);
    assert.equal(next.at(-1)?.type, 'done');
  });

  test('a killed worker is reported to the waiting generation and replaced on the next request', async () => {
    const events: EngineEvent[] = [];
    for await (const event of host.generate(request(500))) {
      events.push(event);
      if (event.type === 'delta' && event.seq === 1) await host.crashWorkerForTesting();
    }
    const last = events.at(-1)!;
    assert.equal(last.type, 'error');
    assert.equal(last.type === 'error' && last.code, 'engine-crashed');

    const after: EngineEvent[] = [];
    for await (const event of host.generate(request(5))) after.push(event);
    assert.equal(after.at(-1)?.type, 'done', JSON.stringify(after.at(-1)));
    assert.ok(host.model, 'the model was loaded again');
  });

  test('generating with no model loaded is a clear error', async () => {
    const empty = new EngineHost();
    const events: EngineEvent[] = [];
    for await (const event of empty.generate(request(5))) events.push(event);
    assert.deepEqual(
      events.map((e) => e.type),
      ['error'],
    );
    assert.equal(events[0]?.type === 'error' && events[0].code, 'no-model');
    await empty.dispose();
  });
});
