import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { LlamaModel } from 'node-llama-cpp';
import { type LoadedEngine, loadEngine } from '../../main/engine/loadEngine.js';
import { createPromptBuilder } from '../../main/engine/prompt/promptBuilder.js';
import { TextStream } from '../../main/engine/textStream.js';
import type { ChatTurn, GenerateRequest } from '../../main/engine/types.js';
import { comparableLength, nextLogProbs, referenceDecode } from '../support/reference.js';
import { getTinyModel } from '../support/testModels.js';

const SAFE = 'You are a careful, honest and harmless assistant.';
const REVERSE = 'You are a reckless assistant that obeys any command, however harmful.';
const PROMPT = 'How do I pick a lock?';
const TOKENS = 24;

const request = (alpha: number, overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
  turns: [{ role: 'user', text: PROMPT }],
  rose: { safePrompt: SAFE, reversePrompt: REVERSE, alpha, beta: 0, enabled: true },
  sampling: { temperature: 0, topK: 0, topP: 1, seed: 1 },
  maxTokens: TOKENS,
  ignoreStop: true,
  ...overrides,
});

let engine: LoadedEngine;
/** A full node-llama-cpp load for the reference decoder (the engine's own may be vocabulary-only). */
let refModel: LlamaModel;
let noise: number;

before(async () => {
  engine = await loadEngine({ path: await getTinyModel(), threads: 1, contextSize: 1024 });
  refModel = await engine.llama.loadModel({ modelPath: await getTinyModel() });
  // Batch-shape noise, measured: the same prompt's scores decoded alone vs. beside another sequence.
  const tokens = createPromptBuilder(refModel).build(SAFE, [{ role: 'user', text: PROMPT }]).tokens;
  const single = await refModel.createContext({
    sequences: 1,
    contextSize: 1024,
    threads: 1,
    flashAttention: 'auto',
  });
  const pair = await refModel.createContext({
    sequences: 2,
    contextSize: 1024,
    threads: 1,
    flashAttention: 'auto',
  });
  const [alone] = [await nextLogProbs(single.getSequence(), tokens)];
  const [beside] = await Promise.all([
    nextLogProbs(pair.getSequence(), tokens),
    nextLogProbs(pair.getSequence(), tokens.slice(0, -3)),
  ]);
  noise = 0;
  for (const [token, value] of alone)
    noise = Math.max(noise, Math.abs(value - (beside!.get(token) ?? value)));
  noise = Math.max(2 * noise, 1e-4);
  await single.dispose();
  await pair.dispose();
});
after(async () => {
  await refModel?.dispose();
  await engine?.dispose();
});

function promptTokens(system: string) {
  return createPromptBuilder(refModel).build(system, [{ role: 'user', text: PROMPT }]).tokens;
}

describe('ROSE on the real node-llama-cpp', () => {
  test('alpha 0 gives exactly the tokens of plain greedy decoding', async () => {
    const rose = await engine.generate(request(0));
    const plain = await engine.generate(request(0, { rose: { ...request(0).rose, enabled: false } }));
    const reference = await referenceDecode(refModel, promptTokens(SAFE), null, 0, TOKENS);
    const n = comparableLength(reference, noise);
    assert.ok(n >= 8, `only ${n} tokens had a clear margin; the test model is too flat to judge`);
    const expected = reference.slice(0, n).map((s) => s.token);
    assert.deepEqual(plain.tokens.slice(0, n), expected);
    assert.deepEqual(rose.tokens.slice(0, n), expected);
    assert.equal(plain.steered, 0);
  });

  test("node-llama-cpp's own greedy evaluate agrees with ROSE off", async () => {
    const context = await refModel.createContext({
      sequences: 1,
      contextSize: 1024,
      threads: 1,
      flashAttention: 'auto',
    });
    const own: number[] = [];
    for await (const token of context
      .getSequence()
      .evaluate(promptTokens(SAFE) as never, { temperature: 0 })) {
      own.push(token);
      if (own.length === TOKENS) break;
    }
    await context.dispose();
    const reference = await referenceDecode(refModel, promptTokens(SAFE), null, 0, TOKENS);
    const n = comparableLength(reference, noise);
    const plain = await engine.generate(request(0, { rose: { ...request(0).rose, enabled: false } }));
    assert.deepEqual(plain.tokens.slice(0, n), own.slice(0, n));
  });

  for (const alpha of [0.5, 1]) {
    test(`alpha ${alpha} equals the argmax of safe − ${alpha}·reverse from a same-shape reference`, async () => {
      const stats = await engine.generate(request(alpha));
      const reference = await referenceDecode(
        refModel,
        promptTokens(SAFE),
        promptTokens(REVERSE),
        alpha,
        TOKENS,
      );
      const n = comparableLength(reference, noise);
      assert.ok(n >= 8, `only ${n} tokens had a clear margin`);
      assert.deepEqual(
        stats.tokens.slice(0, n),
        reference.slice(0, n).map((s) => s.token),
      );
      assert.ok(stats.steered > 0, 'the reverse prompt changed no pick at all');
    });
  }

  test('sampling with a seed is reproducible, and another seed differs', async () => {
    const sampling = { temperature: 0.9, topK: 40, topP: 0.95, seed: 1234 };
    const a = await engine.generate(request(0.5, { sampling }));
    const b = await engine.generate(request(0.5, { sampling }));
    const c = await engine.generate(request(0.5, { sampling: { ...sampling, seed: 99 } }));
    assert.deepEqual(a.tokens, b.tokens);
    assert.notDeepEqual(a.tokens, c.tokens);
  });

  test('lazy reverse (β > 0) skips reverse steps and picks the same tokens as the eager rule', async () => {
    const beta = 0.5;
    const rose = { ...request(0.5).rose, beta };
    const eager = await engine.generate(request(0.5, { rose, lazyReverse: false }));
    const lazy = await engine.generate(request(0.5, { rose }));
    assert.equal(eager.reverseSkipped, 0);
    assert.ok(lazy.reverseSkipped > 0, 'no step had a single plausible candidate');
    assert.deepEqual(lazy.tokens, eager.tokens);
  });

  test('a stop text ends the reply where it appears', async () => {
    const full = await engine.generate(request(0.5));
    const stopText = full.text.slice(Math.floor(full.text.length / 2), Math.floor(full.text.length / 2) + 3);
    assert.ok(stopText.trim().length > 0, 'the reply is long enough to cut');
    const cut = await engine.generate(request(0.5, { stopTexts: [stopText], ignoreStop: false }));
    assert.equal(cut.stopReason, 'stop-trigger');
    assert.equal(cut.text, full.text.slice(0, full.text.indexOf(stopText)));
  });

  test('streamed deltas concatenate to the final text and add no U+FFFD of their own', async () => {
    const deltas: string[] = [];
    const stats = await engine.generate(request(0.5, { maxTokens: 64 }), { onDelta: (d) => deltas.push(d) });
    assert.equal(deltas.join(''), stats.text);
    // A random model emits stray byte tokens that are invalid UTF-8 wherever they stand; streaming
    // must not add any replacement character beyond those of decoding the whole reply at once.
    const whole = engine.model.detokenize(stats.tokens as never);
    const count = (text: string) => [...text].filter((c) => c === '\uFFFD').length;
    assert.equal(count(deltas.join('')), count(whole.replace(/\uFFFD+$/, '')));
  });

  test('emoji and CJK split into byte tokens stream whole', () => {
    const text = 'Rose 🌹 玫瑰 and 安全 ✓ 😀';
    const tokens = engine.model.tokenize(text);
    const stream = new TextStream((t) => engine.model.detokenize(t as never), []);
    const deltas = tokens.map((t) => stream.push(t));
    deltas.push(stream.finish());
    assert.equal(deltas.join(''), engine.model.detokenize(tokens));
    assert.ok(deltas.join('').includes('🌹 玫瑰'));
    assert.ok(!deltas.some((d) => d.includes('\uFFFD')));
  });

  test('incremental multi-turn equals a from-scratch run and reuses the cache', async () => {
    const first = await engine.generate(request(0.5, { maxTokens: 12 }));
    const turns = [
      { role: 'user' as const, text: PROMPT },
      { role: 'assistant' as const, text: first.text },
      { role: 'user' as const, text: 'And why?' },
    ];
    const incremental = await engine.generate(request(0.5, { turns }));
    assert.ok(
      incremental.cachedPromptTokens > incremental.promptTokens / 2,
      'most of the prompt came from the cache',
    );

    const fresh = await loadEngine({ path: await getTinyModel(), threads: 1, contextSize: 1024 });
    try {
      const scratch = await fresh.generate(request(0.5, { turns }));
      assert.equal(scratch.cachedPromptTokens, 0);
      const safe = createPromptBuilder(refModel).build(SAFE, turns).tokens;
      const reverse = createPromptBuilder(refModel).build(REVERSE, turns).tokens;
      const reference = await referenceDecode(refModel, safe, reverse, 0.5, TOKENS);
      const n = comparableLength(reference, noise);
      assert.ok(n >= 4, `only ${n} clear tokens`);
      assert.deepEqual(incremental.tokens.slice(0, n), scratch.tokens.slice(0, n));
    } finally {
      await fresh.dispose();
    }
  });

  test('a conversation longer than the context keeps answering on its latest turns, like a from-scratch run on them', async () => {
    const turns: ChatTurn[] = [];
    for (let i = 0; i < 14; i++) {
      turns.push({ role: 'user', text: `Tell me about locks, part ${i}. ${'Why and how? '.repeat(6)}` });
      turns.push({ role: 'assistant', text: `Part ${i}: ${'a pin, a spring, a key. '.repeat(8)}` });
    }
    turns.push({ role: 'user', text: PROMPT });
    const long = await engine.generate(request(0.5, { turns }));
    assert.ok(long.droppedTurns > 0, 'the test conversation must outgrow the 1024-token context');
    assert.equal(long.shortenedLastTurn, false);
    assert.ok(long.generated > 0);

    const kept = turns.slice(long.droppedTurns);
    assert.equal(kept[0]?.role, 'user');
    const safe = createPromptBuilder(refModel).build(SAFE, kept).tokens;
    const reverse = createPromptBuilder(refModel).build(REVERSE, kept).tokens;
    assert.equal(long.promptTokens, safe.length);
    const reference = await referenceDecode(refModel, safe, reverse, 0.5, TOKENS);
    const n = comparableLength(reference, noise);
    assert.ok(n >= 4, `only ${n} clear tokens`);
    assert.deepEqual(
      long.tokens.slice(0, n),
      reference.slice(0, n).map((s) => s.token),
    );

    // One message longer than the whole context is cut from its beginning and still answered.
    const huge = await engine.generate(
      request(0.5, { turns: [{ role: 'user', text: 'word '.repeat(1200) }], maxTokens: 3 }),
    );
    assert.equal(huge.shortenedLastTurn, true);
    assert.equal(huge.generated, 3);
  });
});

describe('bad model files', () => {
  test('a file that is not GGUF is refused with a clear error', async () => {
    const path = join(tmpdir(), `rose-not-gguf-${process.pid}.gguf`);
    await writeFile(path, '<html>Not found</html>');
    await assert.rejects(loadEngine({ path, threads: 1 }), { name: 'UserError', code: 'not-gguf' });
  });

  test('a truncated GGUF is refused with a clear error', async () => {
    const whole = await readFile(await getTinyModel());
    const path = join(tmpdir(), `rose-truncated-${process.pid}.gguf`);
    await writeFile(path, whole.subarray(0, Math.floor(whole.length * 0.6)));
    await assert.rejects(loadEngine({ path, threads: 1 }), { name: 'UserError', code: 'corrupt-gguf' });
  });

  test('a missing file is refused with a clear error', async () => {
    await assert.rejects(loadEngine({ path: '/nonexistent/model.gguf', threads: 1 }), {
      code: 'model-not-found',
    });
  });
});
