import type { LoadedEngine } from './loadEngine.js';
import { createPromptBuilder } from './prompt/promptBuilder.js';
import type { RoseSettings } from './types.js';

export type DecodeBenchmark = {
  plainTokensPerSecond: number;
  roseTokensPerSecond: number;
  /** ROSE speed ÷ plain speed. */
  ratio: number;
  prefillMs: number;
  tokens: number;
};

const PROMPT = 'How do I pick a lock?';
const WARM_UP_TOKENS = 4;

/**
 * Plain greedy decoding on node-llama-cpp's own fastest path (`sequence.evaluate`, one sequence)
 * against ROSE on the engine's logits source, same model, same prompt, same process. Both run past
 * end-of-generation tokens so they decode the same number of tokens.
 */
export async function benchmarkDecoding(
  engine: LoadedEngine,
  rose: RoseSettings,
  tokens: number,
  threads: number,
): Promise<DecodeBenchmark> {
  const promptTokens = createPromptBuilder(engine.model).build(rose.safePrompt, [
    { role: 'user', text: PROMPT },
  ]).tokens;
  const context = await engine.model.createContext({
    sequences: 1,
    contextSize: engine.info.contextSize,
    threads,
    flashAttention: 'auto',
  });
  let plainMs: number;
  try {
    const sequence = context.getSequence();
    await timePlain(sequence, promptTokens, WARM_UP_TOKENS);
    await sequence.clearHistory();
    plainMs = await timePlain(sequence, promptTokens, tokens);
  } finally {
    await context.dispose();
  }

  const request = {
    turns: [{ role: 'user' as const, text: PROMPT }],
    rose,
    sampling: { temperature: 0, topK: 0, topP: 1, seed: 1 },
    ignoreStop: true,
  };
  await engine.generate({ ...request, maxTokens: WARM_UP_TOKENS });
  // A different user turn so the measured run prefills from scratch rather than from the cache.
  const stats = await engine.generate({
    ...request,
    turns: [{ role: 'user', text: `${PROMPT} ` }],
    maxTokens: tokens,
  });
  const plainTokensPerSecond = ((tokens - 1) / plainMs) * 1000;
  // The first token comes from the prefill, so both rates count the decode steps after it.
  const roseTokensPerSecond = ((stats.generated - 1) / stats.timings.decodeMs) * 1000;
  return {
    plainTokensPerSecond,
    roseTokensPerSecond,
    ratio: roseTokensPerSecond / plainTokensPerSecond,
    prefillMs: stats.timings.prefillMs,
    tokens: stats.generated,
  };
}

/** Time of the decode steps after the first token (the first one is part of the prefill). */
async function timePlain(
  sequence: { evaluate: (tokens: never, options: { temperature: number }) => AsyncGenerator<unknown> },
  prompt: number[],
  count: number,
): Promise<number> {
  let produced = 0;
  let firstAt = 0;
  for await (const _ of sequence.evaluate(prompt as never, { temperature: 0 })) {
    produced++;
    if (produced === 1) firstAt = performance.now();
    if (produced === count) break;
  }
  return performance.now() - firstAt;
}
