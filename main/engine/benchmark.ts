import type { LlamaModel } from 'node-llama-cpp';
import type { LoadedEngine } from './loadEngine.js';
import { createPromptBuilder } from './prompt/promptBuilder.js';
import type { RoseSettings } from './types.js';

export type DecodeBenchmark = {
  plainTokensPerSecond: number;
  roseTokensPerSecond: number;
  /** ROSE speed ÷ plain speed. */
  ratio: number;
  /** One-sequence decode step time ÷ two-sequence step time on the same logits source: the best ROSE can do. */
  limitRatio: number;
  prefillMs: number;
  tokens: number;
};

const PROMPT = 'How do I pick a lock?';
const WARM_UP_TOKENS = 4;

/**
 * Plain greedy decoding on node-llama-cpp's own fastest path (`sequence.evaluate`, one sequence)
 * against ROSE on the engine's logits source, same model, same prompt, same process. Both run past
 * end-of-generation tokens so they decode the same number of tokens. Rates count the decode steps
 * after the first token, which comes out of the prefill.
 */
export async function benchmarkDecoding(
  engine: LoadedEngine,
  rose: RoseSettings,
  tokens: number,
  threads: number,
): Promise<DecodeBenchmark> {
  const plainMs = await timePlainDecoding(engine, rose.safePrompt, tokens, threads);
  const limitRatio = await measureLimitRatio(engine, rose.safePrompt, tokens);

  const request = {
    turns: [{ role: 'user' as const, text: PROMPT }],
    rose,
    sampling: { temperature: 0, topK: 0, topP: 1, seed: 1 },
    ignoreStop: true,
  };
  await engine.generate({ ...request, maxTokens: WARM_UP_TOKENS });
  // A different user turn so the measured run prefills rather than reusing the cache.
  const stats = await engine.generate({
    ...request,
    turns: [{ role: 'user', text: `${PROMPT} ` }],
    maxTokens: tokens,
  });
  const plainTokensPerSecond = ((tokens - 1) / plainMs) * 1000;
  const roseTokensPerSecond = ((stats.generated - 1) / stats.timings.decodeMs) * 1000;
  return {
    plainTokensPerSecond,
    roseTokensPerSecond,
    ratio: roseTokensPerSecond / plainTokensPerSecond,
    limitRatio,
    prefillMs: stats.timings.prefillMs,
    tokens: stats.generated,
  };
}

async function timePlainDecoding(engine: LoadedEngine, system: string, tokens: number, threads: number) {
  // On the fast path the engine's node-llama-cpp model holds only the vocabulary; plain decoding
  // needs the weights, so the benchmark loads them a second time (the app never does).
  const vocabOnly = engine.info.logitsSource === 'ffi';
  const model: LlamaModel = vocabOnly
    ? await engine.llama.loadModel({ modelPath: engine.info.path, gpuLayers: engine.model.gpuLayers })
    : engine.model;
  const prompt = createPromptBuilder(model).build(system, [{ role: 'user', text: PROMPT }]).tokens;
  const context = await model.createContext({
    sequences: 1,
    contextSize: engine.info.contextSize,
    threads,
    flashAttention: 'auto',
  });
  try {
    const sequence = context.getSequence();
    await timeEvaluate(sequence, prompt, WARM_UP_TOKENS);
    await sequence.clearHistory();
    return await timeEvaluate(sequence, prompt, tokens);
  } finally {
    await context.dispose();
    if (vocabOnly) await model.dispose();
  }
}

type Evaluator = { evaluate(tokens: never, options: { temperature: number }): AsyncGenerator<unknown> };

/** Time of the decode steps after the first token. */
async function timeEvaluate(sequence: Evaluator, prompt: number[], count: number): Promise<number> {
  let produced = 0;
  let firstAt = 0;
  for await (const _ of sequence.evaluate(prompt as never, { temperature: 0 })) {
    produced++;
    if (produced === 1) firstAt = performance.now();
    if (produced === count) break;
  }
  return performance.now() - firstAt;
}

/** Steps of one sequence vs. steps of both, on the engine's own logits source. */
async function measureLimitRatio(engine: LoadedEngine, system: string, steps: number): Promise<number> {
  const prompt = createPromptBuilder(engine.model).build(system, [{ role: 'user', text: PROMPT }]).tokens;
  const timeSteps = async (both: boolean) => {
    const indexes = both ? ([0, 1] as const) : ([0] as const);
    const [scores] = await engine.source.sync(indexes.map((index) => ({ index, tokens: prompt })));
    let token = argmaxOf(scores!);
    const started = performance.now();
    for (let i = 0; i < steps; i++) {
      const [next] = await engine.source.step(indexes.map((index) => ({ index, token })));
      token = argmaxOf(next!);
    }
    return performance.now() - started;
  };
  await timeSteps(true); // warm-up
  const single = await timeSteps(false);
  const pair = await timeSteps(true);
  await engine.source.reset();
  return single / pair;
}

function argmaxOf(scores: Float32Array): number {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
  return best;
}
