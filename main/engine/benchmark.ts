import type { LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import { type DecodeSchedule, SCHEDULES } from './ffi/decodeSchedule.js';
import type { FfiLogitsSource } from './ffi/ffiLogitsSource.js';
import type { LoadedEngine } from './loadEngine.js';
import { createPromptBuilder } from './prompt/promptBuilder.js';
import type { RoseSettings } from './types.js';

export type DecodeBenchmark = {
  /** Medians over the rounds. */
  plainTokensPerSecond: number;
  roseTokensPerSecond: number;
  /** Median of each round's ROSE speed ÷ plain speed. */
  ratio: number;
  /** Median of one-sequence step time ÷ two-sequence step time on the engine's source: the best ROSE can do. */
  limitRatio: number;
  prefillMs: number;
  tokens: number;
  rounds: number;
  /** Median steps per round on which lazy reverse (β > 0) skipped the reverse run. */
  reverseSkipped: number;
  /** Median share of tokens where ROSE picked other than the safe run alone. */
  steeredShare: number;
  /** FFI source: ROSE under each decode schedule (the chosen one is what `roseTokensPerSecond` reports). */
  schedules: Array<{ schedule: BenchSchedule; roseTokensPerSecond: number; ratio: number }>;
  chosenSchedule: DecodeSchedule | null;
};

/** Decode schedules the benchmark compares: the two step schedules and speculative verification. */
type BenchSchedule = DecodeSchedule | 'speculative';

const PROMPT = 'How do I pick a lock?';
const WARM_UP_TOKENS = 4;

/**
 * Plain greedy decoding on node-llama-cpp's own fastest path (`sequence.evaluate`, one sequence)
 * against ROSE on the engine's logits source, same model, same prompt, same process. Both run past
 * end-of-generation tokens so they decode the same number of tokens; rates count the decode steps
 * after the first token, which comes out of the prefill. The three measurements are interleaved in
 * rounds and the medians reported, so a burst of load on a shared machine skews one round, not the
 * ratio.
 */
export async function benchmarkDecoding(
  engine: LoadedEngine,
  rose: RoseSettings,
  options: { tokens: number; threads: number; rounds: number },
): Promise<DecodeBenchmark> {
  const { tokens, rounds } = options;
  const plain = await openPlainDecoder(engine, rose.safePrompt, options.threads);
  const request = {
    rose,
    sampling: { temperature: 0, topK: 0, topP: 1, seed: 1 },
    ignoreStop: true,
  };
  const ffi = engine.source.kind === 'ffi' ? (engine.source as FfiLogitsSource) : null;
  const chosen = ffi?.schedule ?? null;
  const perRound: Array<{
    plain: number;
    rose: number;
    limit: number;
    prefillMs: number;
    skipped: number;
    steered: number;
    bySchedule: Map<BenchSchedule, number>;
  }> = [];
  try {
    await plain.time(WARM_UP_TOKENS);
    await engine.generate({ ...request, turns: [{ role: 'user', text: PROMPT }], maxTokens: WARM_UP_TOKENS });
    for (let round = 0; round < rounds; round++) {
      const plainTps = ((tokens - 1) / (await plain.time(tokens))) * 1000;
      const limit = await measureLimitRatio(engine, rose.safePrompt, tokens);
      // A new user turn each round so the measured run prefills rather than reusing the cache.
      const stats = await engine.generate({
        ...request,
        turns: [{ role: 'user', text: `${PROMPT} (${round + 1})` }],
        maxTokens: tokens,
      });
      const roseTps = ((stats.generated - 1) / stats.timings.decodeMs) * 1000;
      const bySchedule = new Map<BenchSchedule, number>();
      if (ffi && chosen) {
        bySchedule.set(chosen, roseTps);
        for (const schedule of SCHEDULES.filter((s) => s !== chosen)) {
          ffi.schedule = schedule;
          const other = await engine.generate({
            ...request,
            turns: [{ role: 'user', text: `${PROMPT} (${round + 1}, ${schedule})` }],
            maxTokens: tokens,
          });
          bySchedule.set(schedule, ((other.generated - 1) / other.timings.decodeMs) * 1000);
        }
        ffi.schedule = chosen;
        const speculative = await engine.generate({
          ...request,
          turns: [{ role: 'user', text: `${PROMPT} (${round + 1}, speculative)` }],
          maxTokens: tokens,
          speculative: true,
        });
        bySchedule.set('speculative', ((speculative.generated - 1) / speculative.timings.decodeMs) * 1000);
      }
      perRound.push({
        plain: plainTps,
        rose: roseTps,
        limit,
        prefillMs: stats.timings.prefillMs,
        skipped: stats.reverseSkipped,
        steered: stats.generated > 0 ? stats.steered / stats.generated : 0,
        bySchedule,
      });
    }
  } finally {
    await plain.dispose();
  }
  const pick = (key: 'plain' | 'rose' | 'limit' | 'prefillMs' | 'skipped' | 'steered') =>
    median(perRound.map((r) => r[key]));
  return {
    plainTokensPerSecond: pick('plain'),
    roseTokensPerSecond: pick('rose'),
    ratio: median(perRound.map((r) => r.rose / r.plain)),
    limitRatio: pick('limit'),
    prefillMs: pick('prefillMs'),
    tokens,
    rounds,
    reverseSkipped: pick('skipped'),
    steeredShare: pick('steered'),
    schedules: (ffi ? [...SCHEDULES, 'speculative' as const] : []).map((schedule) => ({
      schedule,
      roseTokensPerSecond: median(perRound.map((r) => r.bySchedule.get(schedule) ?? 0)),
      ratio: median(perRound.map((r) => (r.bySchedule.get(schedule) ?? 0) / r.plain)),
    })),
    chosenSchedule: chosen,
  };
}

/** A one-sequence node-llama-cpp context on the engine's model, timed from its first token. */
async function openPlainDecoder(engine: LoadedEngine, system: string, threads: number) {
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
  const sequence = context.getSequence();
  return {
    async time(count: number): Promise<number> {
      await sequence.clearHistory();
      return timeEvaluate(sequence, prompt, count);
    },
    async dispose() {
      await context.dispose();
      if (vocabOnly) await model.dispose();
    },
  };
}

/** Time of the decode steps after the first token. */
async function timeEvaluate(
  sequence: LlamaContextSequence,
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One conversation, turn after turn: each turn's time to first token and how much prompt was new. */
export async function benchmarkTurns(
  engine: LoadedEngine,
  rose: RoseSettings,
  options: { turns: number; tokens: number },
): Promise<Array<{ firstTokenMs: number; promptTokens: number; cachedPromptTokens: number }>> {
  const turns: Array<{ role: 'user' | 'assistant'; text: string }> = [];
  const perTurn: Array<{ firstTokenMs: number; promptTokens: number; cachedPromptTokens: number }> = [];
  for (let turn = 1; turn <= options.turns; turn++) {
    turns.push({ role: 'user', text: `${PROMPT} Question ${turn}: and then what?` });
    const stats = await engine.generate({
      turns: [...turns],
      rose,
      sampling: { temperature: 0, topK: 0, topP: 1, seed: 1 },
      maxTokens: options.tokens,
      ignoreStop: true,
    });
    perTurn.push({
      firstTokenMs: stats.timings.firstTokenMs,
      promptTokens: stats.promptTokens,
      cachedPromptTokens: stats.cachedPromptTokens,
    });
    turns.push({ role: 'assistant', text: stats.text });
  }
  return perTurn;
}
