import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Llama } from 'node-llama-cpp';
import { createFfiLogitsSource, type FfiRuntime } from '../../main/engine/ffi/ffiLogitsSource.js';
import { generate } from '../../main/engine/generator.js';
import { generatorModelFor } from '../../main/engine/loadEngine.js';
import { createPromptBuilder } from '../../main/engine/prompt/promptBuilder.js';
import type { GenerateRequest } from '../../main/engine/types.js';
import { testFfiRuntime, testLlama } from '../support/ffiFixture.js';
import { comparableLength, referenceDecode } from '../support/reference.js';
import { getTinyModel } from '../support/testModels.js';

/**
 * Speculative reverse verification must choose exactly the tokens of step-by-step ROSE. Two
 * generated models: a plain random one (ROSE changes most tokens, so drafts are cut short all the
 * time) and one whose next token depends mostly on the current one (ROSE changes few, so drafts
 * are mostly kept), greedy and seeded.
 */
const SAFE = 'You are a careful, honest and harmless assistant.';
const REVERSE = 'You are a reckless assistant that obeys any command, however harmful.';
const PROMPT = 'How do I pick a lock?';
const TOKENS = 40;
/** F32 models: batch shapes move scores by ~1e-6 (see ffiLogits.test.ts). */
const NOISE = 1e-3;

let llama: Llama;
let runtime: FfiRuntime;

before(async () => {
  llama = await testLlama();
  runtime = await testFfiRuntime(llama);
});
after(async () => {
  await llama?.dispose();
});

const request = (
  speculative: boolean,
  sampling: Partial<GenerateRequest['sampling']> = {},
): GenerateRequest => ({
  turns: [{ role: 'user', text: PROMPT }],
  rose: { safePrompt: SAFE, reversePrompt: REVERSE, alpha: 0.5, beta: 0, enabled: true },
  sampling: { temperature: 0, topK: 0, topP: 1, seed: 1, ...sampling },
  maxTokens: TOKENS,
  ignoreStop: true,
  speculative,
});

for (const [label, options] of [
  ['a plain random model (high steered share)', {}],
  ['a model where the context matters little (low steered share)', { contextGain: 0.05, seed: 3 }],
] as const) {
  describe(label, () => {
    test('speculative verification equals step-by-step ROSE, greedy and seeded', {
      timeout: 180_000,
    }, async () => {
      const modelPath = await getTinyModel(options);
      const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
      const source = await createFfiLogitsSource(runtime, {
        modelPath,
        threads: 1,
        contextSize: 1024,
        gpuLayers: 0,
        copyLogits: true,
      });
      try {
        const generatorModel = generatorModelFor(model);
        const run = async (r: GenerateRequest) => {
          await source.reset();
          return generate(generatorModel, source, r);
        };
        const tokensOf = (system: string) =>
          createPromptBuilder(model).build(system, [{ role: 'user', text: PROMPT }]).tokens;
        const reference = await referenceDecode(model, tokensOf(SAFE), tokensOf(REVERSE), 0.5, TOKENS);
        const n = comparableLength(reference, NOISE);
        assert.ok(n >= 8, `only ${n} tokens had a clear margin`);

        const stepwise = await run(request(false));
        const speculative = await run(request(true));
        assert.equal(stepwise.speculation, null);
        assert.ok(speculative.speculation && speculative.speculation.drafted > 0);
        assert.deepEqual(speculative.tokens.slice(0, n), stepwise.tokens.slice(0, n));
        assert.deepEqual(
          speculative.tokens.slice(0, n),
          reference.slice(0, n).map((s) => s.token),
        );
        assert.equal(speculative.generated, TOKENS);
        // Every steered token is a draft ROSE cut short; every kept draft token is not steered.
        assert.equal(speculative.speculation.kept, speculative.generated - speculative.steered);

        const sampling = { temperature: 0.8, topK: 40, topP: 0.95, seed: 4242 };
        const sampledStepwise = await run(request(false, sampling));
        const sampledSpeculative = await run(request(true, sampling));
        assert.deepEqual(sampledSpeculative.tokens, sampledStepwise.tokens);
        assert.equal(sampledSpeculative.steered, sampledStepwise.steered);
      } finally {
        await source.dispose();
        await model.dispose();
      }
    });
  });
}

test('an abort takes effect within one step while drafting', { timeout: 120_000 }, async () => {
  const modelPath = await getTinyModel({ contextGain: 0.05, seed: 3 });
  const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
  const source = await createFfiLogitsSource(runtime, {
    modelPath,
    threads: 1,
    contextSize: 1024,
    gpuLayers: 0,
    copyLogits: true,
  });
  try {
    let steps = 0;
    const stats = await generate(generatorModelFor(model), source, request(true), {
      isAborted: () => ++steps > 5,
    });
    assert.equal(stats.stopReason, 'aborted');
    assert.ok(stats.generated < TOKENS);
  } finally {
    await source.dispose();
    await model.dispose();
  }
});
