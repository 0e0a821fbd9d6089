import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Llama, LlamaModel } from 'node-llama-cpp';
import { createApiLogitsSource } from '../../main/engine/api/apiLogitsSource.js';
import { createFfiLogitsSource, type FfiRuntime } from '../../main/engine/ffi/ffiLogitsSource.js';
import { type GeneratorModel, generate } from '../../main/engine/generator.js';
import { generatorModelFor } from '../../main/engine/loadEngine.js';
import type { LogitsSource } from '../../main/engine/logitsSource.js';
import { createPromptBuilder } from '../../main/engine/prompt/promptBuilder.js';
import type { GenerateRequest } from '../../main/engine/types.js';
import { comparableLength, referenceDecode } from '../support/reference.js';
import { getTinyModel } from '../support/testModels.js';
import { testFfiRuntime, testLlama } from '../support/ffiFixture.js';

/**
 * The whole ROSE generator on both logits sources, same model, same requests. On this F32 model
 * the two sources agree to ~1e-6 in equal batch shapes (see ffiLogits.test.ts), so greedy tokens
 * must match wherever the decision margin exceeds that noise, and seeded sampling draws the same
 * tokens.
 */

const SAFE = 'You are a careful, honest and harmless assistant.';
const REVERSE = 'You are a reckless assistant that obeys any command, however harmful.';
const PROMPT = 'How do I pick a lock?';
const TOKENS = 24;
const CONTEXT = 1024;
const NOISE = 1e-3;

let llama: Llama;
let runtime: FfiRuntime;
let model: LlamaModel;
let modelPath: string;
let generatorModel: GeneratorModel;

before(async () => {
  llama = await testLlama();
  runtime = await testFfiRuntime(llama);
  modelPath = await getTinyModel();
  model = await llama.loadModel({ modelPath, gpuLayers: 0 });
  generatorModel = generatorModelFor(model);
});

after(async () => {
  await model.dispose();
  await llama.dispose();
});

const request = (alpha: number, sampling: Partial<GenerateRequest['sampling']> = {}): GenerateRequest => ({
  turns: [{ role: 'user', text: PROMPT }],
  rose: { safePrompt: SAFE, reversePrompt: REVERSE, alpha, beta: 0, enabled: true },
  sampling: { temperature: 0, topK: 0, topP: 1, seed: 1, ...sampling },
  maxTokens: TOKENS,
  ignoreStop: true,
});

async function onBothSources<T>(run: (source: LogitsSource) => Promise<T>): Promise<{ api: T; ffi: T }> {
  const context = await model.createContext({
    sequences: 2,
    contextSize: CONTEXT,
    threads: 1,
    flashAttention: 'auto',
  });
  const apiSource = createApiLogitsSource(context, runtimeVocab());
  const ffiSource = await createFfiLogitsSource(runtime, {
    modelPath,
    threads: 1,
    contextSize: CONTEXT,
    gpuLayers: 0,
  });
  try {
    return { api: await run(apiSource), ffi: await run(ffiSource) };
  } finally {
    await ffiSource.dispose();
    await apiSource.dispose();
  }
}

function runtimeVocab(): number {
  return model.fileInfo.metadata.tokenizer?.ggml?.tokens?.length ?? 0;
}

const tokensOf = (system: string) =>
  createPromptBuilder(model).build(system, [{ role: 'user', text: PROMPT }]).tokens;

for (const alpha of [0, 0.5, 1]) {
  test(`greedy ROSE with alpha ${alpha}: FFI and API pick the same tokens`, async () => {
    const { api, ffi } = await onBothSources((source) => generate(generatorModel, source, request(alpha)));
    assert.equal(ffi.logitsSource, 'ffi');
    assert.equal(api.logitsSource, 'api');
    const reference = await referenceDecode(model, tokensOf(SAFE), tokensOf(REVERSE), alpha, TOKENS);
    const n = comparableLength(reference, NOISE);
    assert.ok(n >= 8, `only ${n} tokens had a clear margin; the test model is too flat to judge`);
    assert.deepEqual(ffi.tokens.slice(0, n), api.tokens.slice(0, n));
    assert.deepEqual(
      ffi.tokens.slice(0, n),
      reference.slice(0, n).map((step) => step.token),
    );
  });
}

test('seeded sampling draws the same tokens from both sources, and another seed differs', async () => {
  const sampling = { temperature: 0.9, topK: 40, topP: 0.95, seed: 1234 };
  const { api, ffi } = await onBothSources(async (source) => ({
    first: await generate(generatorModel, source, request(0.5, sampling)),
    other: await generate(generatorModel, source, request(0.5, { ...sampling, seed: 99 })),
  }));
  assert.deepEqual(ffi.first.tokens, api.first.tokens);
  assert.deepEqual(ffi.other.tokens, api.other.tokens);
  assert.notDeepEqual(ffi.first.tokens, ffi.other.tokens);
});

test('a second turn reuses the cached prompt on the FFI source and matches a from-scratch run', async () => {
  const turns: GenerateRequest['turns'] = [{ role: 'user', text: PROMPT }];
  const second = (first: string): GenerateRequest => ({
    ...request(0.5),
    turns: [...turns, { role: 'assistant', text: first }, { role: 'user', text: 'And then?' }],
    maxTokens: 8,
  });
  const ffi = await createFfiLogitsSource(runtime, {
    modelPath,
    threads: 1,
    contextSize: CONTEXT,
    gpuLayers: 0,
  });
  const fresh = await createFfiLogitsSource(runtime, {
    modelPath,
    threads: 1,
    contextSize: CONTEXT,
    gpuLayers: 0,
  });
  try {
    const first = await generate(generatorModel, ffi, { ...request(0.5), maxTokens: 8 });
    const continued = await generate(generatorModel, ffi, second(first.text));
    const scratch = await generate(generatorModel, fresh, second(first.text));
    assert.ok(continued.cachedPromptTokens > 0);
    assert.equal(scratch.cachedPromptTokens, 0);
    assert.deepEqual(continued.tokens, scratch.tokens);
  } finally {
    await ffi.dispose();
    await fresh.dispose();
  }
});
