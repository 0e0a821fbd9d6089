import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FitEstimate, FitVerdict } from '../../shared/models.js';
import { chooseLoadFit } from '../../main/app/loadPlan.js';

/** A stand-in for ModelsFit.fileFit: the verdict for each context size, recording what was asked. */
function fakeFit(verdicts: Record<number, FitVerdict>) {
  const asked: number[] = [];
  const fitAt = async (contextSize: number): Promise<FitEstimate> => {
    asked.push(contextSize);
    const verdict = verdicts[contextSize] ?? 'none';
    return {
      verdict,
      gpuLayers: verdict === 'gpu' ? 24 : verdict === 'partial' ? 10 : 0,
      totalLayers: 24,
      contextSize,
      sequences: 2,
      modelBytes: 1,
      contextBytes: contextSize,
      contextBytesSingleSequence: contextSize / 2,
      ramBytes: 1,
      vramBytes: 0,
      method: 'gguf',
    };
  };
  return { asked, fitAt };
}

test('the largest context size that fits is chosen, trying from 4096 down', async () => {
  const { asked, fitAt } = fakeFit({ 4096: 'none', 2048: 'partial', 1024: 'gpu', 512: 'gpu' });
  const fit = await chooseLoadFit(fitAt, 32768);
  assert.equal(fit.contextSize, 2048);
  assert.equal(fit.verdict, 'partial');
  assert.equal(fit.estimatedGpuLayers, 10);
  assert.deepEqual(asked, [4096, 2048]);
  assert.deepEqual(fit.tried, [
    { contextSize: 4096, verdict: 'none' },
    { contextSize: 2048, verdict: 'partial' },
  ]);
  assert.match(fit.reason, /2048 tokens fit split between GPU and CPU/);
});

test('the training context caps the sizes tried, each size once', async () => {
  const { asked, fitAt } = fakeFit({ 1536: 'cpu', 1024: 'cpu', 512: 'cpu' });
  const fit = await chooseLoadFit(fitAt, 1536);
  assert.deepEqual(asked, [1536]);
  assert.equal(fit.contextSize, 1536);
  assert.match(fit.reason, /trained for/);
});

test('when nothing fits the smallest size is tried and the reason says so', async () => {
  const { asked, fitAt } = fakeFit({});
  const fit = await chooseLoadFit(fitAt, 8192);
  assert.deepEqual(asked, [4096, 2048, 1024, 512]);
  assert.equal(fit.contextSize, 512);
  assert.equal(fit.verdict, 'none');
  assert.match(fit.reason, /no context size fits/);
});
