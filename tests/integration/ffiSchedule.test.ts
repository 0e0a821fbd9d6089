import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Llama, LlamaModel } from 'node-llama-cpp';
import { chooseSchedule, SCHEDULES, scheduleKey } from '../../main/engine/ffi/decodeSchedule.js';
import {
  createFfiLogitsSource,
  type FfiLogitsSource,
  type FfiRuntime,
} from '../../main/engine/ffi/ffiLogitsSource.js';
import { type GeneratorModel, generate } from '../../main/engine/generator.js';
import { generatorModelFor } from '../../main/engine/loadEngine.js';
import { createPromptBuilder } from '../../main/engine/prompt/promptBuilder.js';
import type { GenerateRequest } from '../../main/engine/types.js';
import { testFfiRuntime, testLlama } from '../support/ffiFixture.js';
import { comparableLength, referenceDecode } from '../support/reference.js';
import { getTinyModel } from '../support/testModels.js';

const SAFE = 'You are a careful, honest and harmless assistant.';
const REVERSE = 'You are a reckless assistant that obeys any command, however harmful.';
const PROMPT = 'How do I pick a lock?';
const TOKENS = 24;
/** F32 model: batch shapes move scores by ~1e-6 (see ffiLogits.test.ts). */
const NOISE = 1e-3;

let llama: Llama;
let runtime: FfiRuntime;
let model: LlamaModel;
let modelPath: string;
let generatorModel: GeneratorModel;
let source: FfiLogitsSource;

before(async () => {
  llama = await testLlama();
  runtime = await testFfiRuntime(llama);
  modelPath = await getTinyModel();
  model = await llama.loadModel({ modelPath, gpuLayers: 0 });
  generatorModel = generatorModelFor(model);
  source = await createFfiLogitsSource(runtime, {
    modelPath,
    threads: 1,
    contextSize: 1024,
    gpuLayers: 0,
    copyLogits: true,
  });
});

after(async () => {
  await source?.dispose();
  await model?.dispose();
  await llama?.dispose();
});

const request = (sampling: Partial<GenerateRequest['sampling']> = {}): GenerateRequest => ({
  turns: [{ role: 'user', text: PROMPT }],
  rose: { safePrompt: SAFE, reversePrompt: REVERSE, alpha: 0.5, beta: 0, enabled: true },
  sampling: { temperature: 0, topK: 0, topP: 1, seed: 1, ...sampling },
  maxTokens: TOKENS,
  ignoreStop: true,
});

async function withSchedule(schedule: (typeof SCHEDULES)[number], r: GenerateRequest) {
  source.schedule = schedule;
  await source.reset();
  return generate(generatorModel, source, r);
}

test('both decode schedules pick the same ROSE tokens, greedy and seeded', async () => {
  const tokensOf = (system: string) =>
    createPromptBuilder(model).build(system, [{ role: 'user', text: PROMPT }]).tokens;
  const reference = await referenceDecode(model, tokensOf(SAFE), tokensOf(REVERSE), 0.5, TOKENS);
  const n = comparableLength(reference, NOISE);
  assert.ok(n >= 8, `only ${n} tokens had a clear margin`);
  const [batch, split] = [await withSchedule('batch', request()), await withSchedule('split', request())];
  assert.deepEqual(split.tokens.slice(0, n), batch.tokens.slice(0, n));
  assert.deepEqual(
    batch.tokens.slice(0, n),
    reference.slice(0, n).map((s) => s.token),
  );
  assert.ok(split.steered > 0);

  const sampling = { temperature: 0.8, topK: 40, topP: 0.95, seed: 77 };
  const [sampledBatch, sampledSplit] = [
    await withSchedule('batch', request(sampling)),
    await withSchedule('split', request(sampling)),
  ];
  assert.deepEqual(sampledSplit.tokens, sampledBatch.tokens);
});

test('the schedule is measured once, cached, and measured again when the model file, library or backend changes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rose-schedule-'));
  try {
    const copy = join(dir, 'model.gguf');
    await copyFile(modelPath, copy);
    const parts = {
      modelPath: copy,
      libraryPath: runtime.libraryPath,
      backend: 'cpu',
      threads: 1,
      gpuLayers: 0,
    };
    const prompt = createPromptBuilder(model).build(SAFE, [{ role: 'user', text: PROMPT }]).tokens;
    const cacheDir = join(dir, 'cache');

    const first = await chooseSchedule(source, prompt, scheduleKey(parts), cacheDir);
    assert.equal(first.cached, false);
    assert.deepEqual(
      first.timings.map((t) => t.schedule),
      [...SCHEDULES],
    );
    assert.ok(first.timings.every((t) => t.msPerStep > 0));
    const fastest = [...first.timings].sort((a, b) => a.msPerStep - b.msPerStep)[0];
    assert.equal(first.schedule, fastest?.schedule);
    assert.equal(source.cachedTokens(0).length, 0, 'measuring leaves the source empty');

    const again = await chooseSchedule(source, prompt, scheduleKey(parts), cacheDir);
    assert.equal(again.cached, true);
    assert.deepEqual(again.timings, first.timings);

    await utimes(copy, new Date(), new Date(Date.now() + 5000));
    assert.notEqual(scheduleKey(parts), scheduleKey({ ...parts, modelPath }));
    const changedFile = await chooseSchedule(source, prompt, scheduleKey(parts), cacheDir);
    assert.equal(changedFile.cached, false);
    for (const changed of [
      { backend: 'cuda' },
      { libraryPath: modelPath },
      { threads: 2 },
      { gpuLayers: 99 },
    ]) {
      assert.notEqual(scheduleKey({ ...parts, ...changed }), scheduleKey(parts), JSON.stringify(changed));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
