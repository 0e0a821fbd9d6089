import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type GeneratorModel, generate } from '../../main/engine/generator.js';
import type { LogitsSource, SequenceIndex } from '../../main/engine/logitsSource.js';
import type { GenerateRequest } from '../../main/engine/types.js';

// A unit test of the decoding loop alone: a scripted logits source and a one-letter-per-token
// "tokenizer". The real model is exercised in tests/integration/engine.test.ts.
const VOCAB = 'abcdefghij';
const EOG = 9; // 'j'

/** Scores that make `token` the clear favourite. */
const favour = (token: number) =>
  Float32Array.from({ length: VOCAB.length }, (_, i) => (i === token ? 5 : 0));

function scriptedSource(script: { safe: number[]; reverse: number[] }, contextSize = 1000) {
  const calls: Array<{ kind: 'sync' | 'step'; indexes: SequenceIndex[] }> = [];
  let step = 0;
  const scores = (index: SequenceIndex) => favour((index === 0 ? script.safe : script.reverse)[step] ?? 0);
  const source: LogitsSource = {
    kind: 'api',
    vocabSize: VOCAB.length,
    contextSize,
    async sync(requests) {
      calls.push({ kind: 'sync', indexes: requests.map((r) => r.index) });
      return requests.map((r) => scores(r.index));
    },
    async step(requests) {
      step++;
      calls.push({ kind: 'step', indexes: requests.map((r) => r.index) });
      return requests.map((r) => scores(r.index));
    },
    cachedTokens: () => [],
    reset: async () => {},
    dispose: async () => {},
  };
  return { source, calls };
}

const model: GeneratorModel = {
  promptBuilder: {
    usesModelTemplate: false,
    build: (system) => ({ tokens: [...system].map(() => 0), stopTexts: ['ST'] }),
  },
  isEndOfGeneration: (token) => token === EOG,
  detokenize: (tokens) => tokens.map((t) => VOCAB[t]!.toUpperCase()).join(''),
};

const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
  turns: [{ role: 'user', text: 'hi' }],
  rose: { safePrompt: 'safe', reversePrompt: 'rev', alpha: 0.5, beta: 0, enabled: true },
  sampling: { temperature: 0, topK: 0, topP: 1, seed: 1 },
  maxTokens: 50,
  ...overrides,
});

describe('generate (scripted source)', () => {
  test('stops at an end-of-generation token without showing it', async () => {
    const { source } = scriptedSource({ safe: [0, 1, EOG, 2], reverse: [5, 5, 5, 5] });
    const stats = await generate(model, source, request());
    assert.equal(stats.text, 'AB');
    assert.equal(stats.stopReason, 'eog');
    assert.deepEqual(stats.tokens, [0, 1]);
  });

  test('stops at a stop text and never streams it', async () => {
    const deltas: string[] = [];
    // "S" (18th letter) is outside the vocab: use a request stop text made of vocab letters instead.
    const { source } = scriptedSource({ safe: [0, 2, 3, 4, 1], reverse: [5, 5, 5, 5, 5] });
    const stats = await generate(model, source, request({ stopTexts: ['DE'] }), {
      onDelta: (d) => deltas.push(d),
    });
    assert.equal(stats.text, 'AC');
    assert.equal(deltas.join(''), 'AC');
    assert.equal(stats.stopReason, 'stop-trigger');
  });

  test('max tokens ends the reply', async () => {
    const { source } = scriptedSource({ safe: [1, 1, 1, 1, 1], reverse: [0, 0, 0, 0, 0] });
    const stats = await generate(model, source, request({ maxTokens: 3 }));
    assert.equal(stats.generated, 3);
    assert.equal(stats.stopReason, 'max-tokens');
  });

  test('the context limit ends the reply before the sequences could overflow', async () => {
    const { source } = scriptedSource({ safe: Array(20).fill(1), reverse: Array(20).fill(0) }, 8);
    const stats = await generate(
      model,
      source,
      request({ rose: { ...request().rose, safePrompt: 'ab', reversePrompt: 'abcd' } }),
    );
    // The longer (reverse) prompt is 4 tokens: 4 more fit before the 8-token context is full.
    assert.equal(stats.generated, 4);
    assert.equal(stats.stopReason, 'context-full');
  });

  test('system prompts that leave no room for any message are refused with a clear error', async () => {
    const { source } = scriptedSource({ safe: [1], reverse: [1] }, 4);
    await assert.rejects(generate(model, source, request()), {
      code: 'context-overflow',
      message: /leave no room for a message in a context of 4 tokens/,
    });
  });

  test('counts the tokens where the reverse run changed the pick', async () => {
    // safe favours 1 each step; the reverse run also favours 1 on steps 0 and 2, which ROSE avoids.
    const { source } = scriptedSource({ safe: [1, 1, 1, EOG], reverse: [1, 4, 1, 4] });
    const stats = await generate(model, source, request({ rose: { ...request().rose, alpha: 2 } }));
    assert.equal(stats.steered, 2);
    assert.notEqual(stats.tokens[0], 1);
    assert.equal(stats.tokens[1], 1);
  });

  test('each steered token is placed in the text with what the safe run alone would have written', async () => {
    const { source } = scriptedSource({ safe: [1, 1, 1, EOG], reverse: [1, 4, 1, 4] });
    const stats = await generate(model, source, request({ rose: { ...request().rose, alpha: 2 } }));
    assert.equal(stats.steering.length, stats.steered);
    for (const span of stats.steering) {
      assert.equal(span.end - span.start, 1, 'one letter per token here');
      assert.equal(span.safeOnly, 'B', 'the safe run alone favoured token 1');
      assert.notEqual(stats.text.slice(span.start, span.end), 'B');
    }
    assert.deepEqual(
      stats.steering.map((span) => span.start),
      [0, 2],
    );
    assert.equal(stats.text[1], 'B', 'the unsteered token is not marked');
  });

  test('a steered token cut off with a stop trigger is not marked', async () => {
    // Token 1 reads "T": after the safe run's "S" ROSE steers to it, spelling the stop text ST,
    // so the shown text ends before the S and the steered T is not in it.
    const { source } = scriptedSource({ safe: [2, 0], reverse: [4, 0] });
    const letters: GeneratorModel = {
      ...model,
      detokenize: (tokens) => tokens.map((t) => 'ATSDEFGHIJ'[t]!).join(''),
    };
    const stats = await generate(letters, source, request({ rose: { ...request().rose, alpha: 2 } }));
    assert.equal(stats.stopReason, 'stop-trigger');
    assert.equal(stats.steered, 1);
    assert.equal(stats.text, '');
    assert.deepEqual(stats.steering, []);
  });

  test('ROSE off evaluates only the safe sequence', async () => {
    const { source, calls } = scriptedSource({ safe: [1, 2, EOG], reverse: [1, 2, 3] });
    const stats = await generate(model, source, request({ rose: { ...request().rose, enabled: false } }));
    assert.equal(stats.steered, 0);
    assert.ok(calls.every((call) => call.indexes.length === 1 && call.indexes[0] === 0));
  });

  test('both sequences get every chosen token, in one call per step', async () => {
    const { source, calls } = scriptedSource({ safe: [1, 2, EOG], reverse: [0, 0, 0] });
    await generate(model, source, request());
    assert.deepEqual(
      calls.map((c) => c.indexes),
      [
        [0, 1],
        [0, 1],
        [0, 1],
      ],
    );
  });

  test('lazy reverse steps only the safe sequence while one token is plausible, then catches up', async () => {
    const script = { safe: [1, 1, 2, 3, EOG], reverse: [0, 0, 2, 0, 0] };
    const eager = await generate(
      model,
      scriptedSource(script).source,
      request({ rose: { ...request().rose, beta: 0.5 }, lazyReverse: false }),
    );
    const { source, calls } = scriptedSource(script);
    const lazy = await generate(model, source, request({ rose: { ...request().rose, beta: 0.5 } }));
    assert.deepEqual(lazy.tokens, eager.tokens);
    // favour() leaves one token within ln(0.5) of the best, so every step could skip the reverse run.
    assert.equal(lazy.reverseSkipped, lazy.generated);
    assert.ok(calls.some((c) => c.kind === 'step' && c.indexes.length === 1));
  });

  test('abort ends the loop at the next step with what was generated', async () => {
    const { source } = scriptedSource({ safe: Array(50).fill(1), reverse: Array(50).fill(0) });
    let deltas = 0;
    const stats = await generate(model, source, request(), {
      onDelta: () => deltas++,
      isAborted: () => deltas >= 3,
    });
    assert.equal(stats.stopReason, 'aborted');
    assert.equal(stats.generated, 3);
  });
});
