import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RoseEvent } from '../../shared/contract/index.js';
import { createRose, type Rose } from '../../main/app/createRose.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

/** Resolves with the first event that matches. */
function firstEvent(rose: Rose, match: (e: RoseEvent) => boolean): Promise<RoseEvent> {
  return new Promise((resolve) => {
    const stop = rose.events.subscribe((event) => {
      if (match(event)) {
        stop();
        resolve(event);
      }
    });
  });
}

async function startRose(t: { after: (fn: () => Promise<void>) => void }, dataDir: string) {
  const rose = await createRose({ dataDir, threads: 1, modelPath: await getTinyModel(), log: () => {} });
  t.after(() => rose.dispose());
  return rose;
}

test('app:compare.stop ends the running side with its text and skips the side not started', async (t) => {
  const rose = await startRose(t, tempDir(t));
  const deltas: Array<Extract<RoseEvent, { type: 'compare.delta' }>> = [];
  rose.events.subscribe((e) => {
    if (e.type === 'compare.delta' && e.compareId === 'long') deltas.push(e);
  });
  const firstDelta = firstEvent(rose, (e) => e.type === 'compare.delta' && e.compareId === 'long');
  const running = rose.handlers['app:compare.run']({
    compareId: 'long',
    prompt: 'Tell me a very long story',
    maxTokens: 4000,
    sides: [{ roseEnabled: false }, { alpha: 0.5 }],
  });
  await firstDelta;
  const stopped = await rose.handlers['app:compare.stop']({ compareId: 'long' });
  assert.deepEqual(stopped, { ok: true, value: { stopped: true } });

  const result = await running;
  assert.ok(result.ok, JSON.stringify(result));
  const [left, right] = result.value.answers;
  assert.equal(left.stopReason, 'aborted');
  assert.ok(left.generated < 4000, 'the running side ended before its length limit');
  const streamed = deltas
    .filter((e) => e.side === 0)
    .map((e) => e.text)
    .join('');
  assert.equal(left.text, streamed, 'the stopped side keeps exactly the text that was streamed');
  assert.equal(right.stopReason, 'aborted');
  assert.equal(right.generated, 0, 'the side not started is not run');
  assert.equal(right.text, '');
  assert.ok(!deltas.some((e) => e.side === 1), 'nothing streamed for the skipped side');

  const again = await rose.handlers['app:compare.stop']({ compareId: 'long' });
  assert.deepEqual(again, { ok: true, value: { stopped: false } }, 'a finished comparison cannot be stopped');
});

test('a stopped comparison leaves the engine free: the next one runs to its end', async (t) => {
  const rose = await startRose(t, tempDir(t));
  const firstDelta = firstEvent(rose, (e) => e.type === 'compare.delta' && e.compareId === 'a');
  const running = rose.handlers['app:compare.run']({
    compareId: 'a',
    prompt: 'Tell me a very long story',
    maxTokens: 4000,
    sides: [{ alpha: 0.5 }, { alpha: 0.5 }],
  });
  await firstDelta;
  await rose.handlers['app:compare.stop']({ compareId: 'a' });
  assert.ok((await running).ok);

  const next = await rose.handlers['app:compare.run']({
    compareId: 'b',
    prompt: 'Hello',
    maxTokens: 8,
    sides: [{ roseEnabled: false }, { alpha: 0.5 }],
  });
  assert.ok(next.ok, JSON.stringify(next));
  for (const answer of next.value.answers) assert.notEqual(answer.stopReason, 'aborted');
});

test('two comparisons cannot share one compare id (a stop must name exactly one)', async (t) => {
  const rose = await startRose(t, tempDir(t));
  const firstDelta = firstEvent(rose, (e) => e.type === 'compare.delta' && e.compareId === 'same');
  const running = rose.handlers['app:compare.run']({
    compareId: 'same',
    prompt: 'Tell me a very long story',
    maxTokens: 4000,
    sides: [{ alpha: 0.5 }, { alpha: 0.5 }],
  });
  await firstDelta;
  const twin = await rose.handlers['app:compare.run']({
    compareId: 'same',
    prompt: 'Hi',
    sides: [{ alpha: 0 }, { alpha: 0.5 }],
  });
  assert.equal(twin.ok ? null : twin.error.code, 'compare-busy');
  await rose.handlers['app:compare.stop']({ compareId: 'same' });
  assert.ok((await running).ok);
});
