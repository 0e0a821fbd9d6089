import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Llama, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import {
  createFfiLogitsSource,
  type FfiLogitsSource,
  type FfiRuntime,
} from '../../main/engine/ffi/ffiLogitsSource.js';
import { nextLogProbs } from '../support/reference.js';
import { getTinyModel } from '../support/testModels.js';
import { testFfiRuntime, testLlama } from '../support/ffiFixture.js';

/**
 * The FFI source against node-llama-cpp's own probabilities on the same tiny model. Raw logits and
 * log-probabilities differ by one constant per sequence per step (the log of the softmax
 * denominator), so logit(t) − log p(t) must be the same for every token.
 */

let llama: Llama;
let runtime: FfiRuntime;
let modelPath: string;
let model: LlamaModel;

before(async () => {
  llama = await testLlama();
  runtime = await testFfiRuntime(llama);
  modelPath = await getTinyModel();
  model = await llama.loadModel({ modelPath, gpuLayers: 0 });
});

after(async () => {
  await model.dispose();
  await llama.dispose();
});

const CONTEXT = 256;
const openSource = (options: { copyLogits?: boolean } = {}) =>
  createFfiLogitsSource(runtime, { modelPath, threads: 1, contextSize: CONTEXT, gpuLayers: 0, ...options });

/** Spread of logit − log p over tokens whose probability is not negligible (0 = exact). */
function offsetSpread(logits: Float32Array, logProbs: Map<number, number>): number {
  let low = Infinity;
  let high = -Infinity;
  for (const [token, logP] of logProbs) {
    if (logP < Math.log(1e-6)) continue;
    const offset = (logits[token] as number) - logP;
    low = Math.min(low, offset);
    high = Math.max(high, offset);
  }
  assert.ok(high >= low, 'some token must have a non-negligible probability');
  return high - low;
}

function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

async function withApiSequences<T>(
  run: (sequences: [LlamaContextSequence, LlamaContextSequence]) => Promise<T>,
): Promise<T> {
  const context = await model.createContext({ sequences: 2, contextSize: CONTEXT, threads: 1 });
  try {
    return await run([context.getSequence(), context.getSequence()]);
  } finally {
    await context.dispose();
  }
}

const safePrompt = [1, 300, 301, 420, 77, 512, 900, 14];
const reversePrompt = [1, 640, 641, 12, 333, 700];

test('FFI logits equal node-llama-cpp log-probabilities up to one constant per sequence and step', async () => {
  // Compared in identical batch shapes, one sequence per decode on both sides: node-llama-cpp
  // batches two concurrent evaluations into one decode or not depending on timing, and a decode's
  // numbers depend on its shape (ROSE.md), so a mixed comparison fails now and then by noise alone.
  const ffi = await openSource({ copyLogits: true });
  ffi.schedule = 'split';
  const alone = async (first: () => Promise<Float32Array[]>, second: () => Promise<Float32Array[]>) => [
    ...(await first()),
    ...(await second()),
  ];
  try {
    assert.equal(ffi.kind, 'ffi');
    assert.equal(ffi.vocabSize, model.fileInfo.metadata.tokenizer?.ggml?.tokens?.length);
    assert.equal(ffi.contextSize, CONTEXT);
    await withApiSequences(async (api) => {
      let ffiScores = await alone(
        () => ffi.sync([{ index: 0, tokens: safePrompt }]),
        () => ffi.sync([{ index: 1, tokens: reversePrompt }]),
      );
      let apiScores = [await nextLogProbs(api[0], safePrompt), await nextLogProbs(api[1], reversePrompt)];
      for (let step = 0; step < 6; step++) {
        for (const i of [0, 1]) {
          assert.equal(ffiScores[i]?.length, ffi.vocabSize);
          assert.ok(
            offsetSpread(ffiScores[i] as Float32Array, apiScores[i] as Map<number, number>) < 1e-3,
            `step ${step} seq ${i}`,
          );
        }
        // Both sequences continue with the safe sequence's greedy token, as ROSE does.
        const token = argmax(ffiScores[0] as Float32Array);
        ffiScores = await ffi.step([
          { index: 0, token },
          { index: 1, token },
        ]);
        apiScores = [await nextLogProbs(api[0], [token]), await nextLogProbs(api[1], [token])];
      }
      assert.deepEqual(ffi.cachedTokens(0), api[0].contextTokens);
      assert.deepEqual(ffi.cachedTokens(1), api[1].contextTokens);
    });
  } finally {
    await ffi.dispose();
  }
});

test('sync reuses the common prefix and gives the same scores as evaluating from scratch', async () => {
  const incremental = await openSource({ copyLogits: true });
  const fresh = await openSource({ copyLogits: true });
  try {
    await incremental.sync([{ index: 0, tokens: safePrompt }]);
    // A different continuation after a shared prefix of 5: positions 5.. are dropped and redone.
    const edited = [...safePrompt.slice(0, 5), 42, 43, 44, 45];
    const [reused] = await incremental.sync([{ index: 0, tokens: edited }]);
    assert.deepEqual(incremental.cachedTokens(0), edited);
    const [scratch] = await fresh.sync([{ index: 0, tokens: edited }]);
    assertClose(reused as Float32Array, scratch as Float32Array);

    // The same tokens again: only the last one is re-evaluated, and the scores stay the same.
    const [again] = await incremental.sync([{ index: 0, tokens: edited }]);
    assertClose(again as Float32Array, scratch as Float32Array);
    // Sequence 1 was never touched.
    assert.deepEqual(incremental.cachedTokens(1), []);

    await incremental.reset();
    assert.deepEqual(incremental.cachedTokens(0), []);
    const [afterReset] = await incremental.sync([{ index: 0, tokens: edited }]);
    assertClose(afterReset as Float32Array, scratch as Float32Array);
  } finally {
    await incremental.dispose();
    await fresh.dispose();
  }
});

test('views by default, copies on request, both with the same values', async () => {
  const viewing = await openSource();
  const copying = await openSource({ copyLogits: true });
  try {
    assert.equal(viewing.logitsAreViews, true);
    assert.equal(copying.logitsAreViews, false);
    const [view] = await viewing.sync([{ index: 0, tokens: safePrompt }]);
    const [copy] = await copying.sync([{ index: 0, tokens: safePrompt }]);
    assert.deepEqual(Array.from(view as Float32Array), Array.from(copy as Float32Array));
  } finally {
    await viewing.dispose();
    await copying.dispose();
  }
});

test('more tokens than one batch holds are decoded in chunks, each sequence read from its own chunk', async () => {
  // 512 tokens per sequence → a batch of 512; 400 + 300 tokens need two decodes, and the safe
  // sequence's last token lands in the first one, the reverse sequence's in the second.
  const size = 512;
  const ffi = await createFfiLogitsSource(runtime, {
    modelPath,
    threads: 1,
    contextSize: size,
    gpuLayers: 0,
  });
  const safe = Array.from({ length: 400 }, (_, i) => 260 + ((i * 37) % 700));
  const reverse = Array.from({ length: 300 }, (_, i) => 270 + ((i * 53) % 700));
  try {
    const scores = await ffi.sync([
      { index: 0, tokens: safe },
      { index: 1, tokens: reverse },
    ]);
    assert.deepEqual(ffi.cachedTokens(0), safe);
    assert.deepEqual(ffi.cachedTokens(1), reverse);
    const context = await model.createContext({ sequences: 2, contextSize: size, threads: 1 });
    try {
      // One after the other: queued together, node-llama-cpp would split them into other batch
      // shapes, whose float noise (~0.02 here) is not what this test is about.
      const references = [
        await nextLogProbs(context.getSequence(), safe),
        await nextLogProbs(context.getSequence(), reverse),
      ];
      for (const i of [0, 1])
        assert.ok(offsetSpread(scores[i] as Float32Array, references[i] as Map<number, number>) < 1e-3);
    } finally {
      await context.dispose();
    }
    await ffi.sync([{ index: 0, tokens: [...safe, ...reverse.slice(0, size - safe.length)] }]);
    await assert.rejects(ffi.step([{ index: 0, token: 5 }]), /do not fit the context/);
  } finally {
    await ffi.dispose();
  }
});

test('bad requests are refused without touching the cache; a disposed source refuses everything', async () => {
  const ffi: FfiLogitsSource = await openSource();
  await ffi.sync([{ index: 0, tokens: safePrompt }]);
  await assert.rejects(ffi.sync([{ index: 0, tokens: [] }]), /empty prompt/);
  await assert.rejects(
    ffi.step([
      { index: 0, token: 1 },
      { index: 0, token: 2 },
    ]),
    /listed twice/,
  );
  assert.deepEqual(ffi.cachedTokens(0), safePrompt);
  await ffi.dispose();
  await ffi.dispose();
  await assert.rejects(ffi.step([{ index: 0, token: 1 }]), /disposed/);
});

test('the event loop keeps running while a decode is in flight', async () => {
  const ffi = await openSource();
  try {
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    await ffi.sync([{ index: 0, tokens: Array.from({ length: 200 }, (_, i) => 300 + i) }]);
    spinning = false;
    // A synchronous decode would resolve before any immediate ran.
    assert.ok(turns > 0);
  } finally {
    await ffi.dispose();
  }
});

function assertClose(actual: Float32Array, expected: Float32Array): void {
  assert.equal(actual.length, expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++)
    worst = Math.max(worst, Math.abs((actual[i] as number) - (expected[i] as number)));
  assert.ok(worst < 1e-3, `scores differ by up to ${worst}`);
}

test('the context size per sequence is resolved exactly as node-llama-cpp resolves it', async () => {
  // The tiny model trains on 2048 tokens: sizes below are padded to 256, the training size is kept.
  for (const requested of [100, 256, 300, 1000, 1900, 2048]) {
    const context = await model.createContext({ sequences: 2, contextSize: requested, threads: 1 });
    const ffi = await createFfiLogitsSource(runtime, {
      modelPath,
      threads: 1,
      contextSize: requested,
      gpuLayers: 0,
    });
    try {
      assert.equal(ffi.contextSize, context.contextSize, `requested ${requested}`);
    } finally {
      await ffi.dispose();
      await context.dispose();
    }
  }
});
