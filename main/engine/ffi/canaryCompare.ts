import type { Llama, LlamaContextSequence, Token } from 'node-llama-cpp';
import { createFfiLogitsSource, type FfiRuntime } from './ffiLogitsSource.js';

/** What the canary saw: the FFI source against node-llama-cpp on the same tiny model. */
export type CanaryReport = {
  ok: boolean;
  reason?: string;
  /** Largest |p_ffi − p_api| over the vocabulary, over both sequences, after the prompts. */
  maxProbabilityDifference: number;
  ffiTokens: number[][];
  apiTokens: number[][];
};

/** Probabilities may differ by float noise between two contexts; a wrong layout moves them by far more. */
const PROBABILITY_TOLERANCE = 1e-4;
const GREEDY_STEPS = 4;
const CONTEXT_SIZE = 256;

/**
 * Runs two prompts on two sequences, in one batch, through both node-llama-cpp and the FFI source,
 * then a few greedy steps, and compares: the next-token probabilities (softmax of the FFI logits)
 * after the prompts, and the greedy tokens. Same model file, threads, context and batch shapes.
 */
export async function compareFfiWithApi(
  llama: Llama,
  runtime: FfiRuntime,
  modelPath: string,
): Promise<CanaryReport> {
  const prompts = [
    [1, 300, 301, 420, 77, 512, 900],
    [1, 640, 641, 12, 333, 700],
  ];
  const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
  const ffi = await createFfiLogitsSource(runtime, {
    modelPath,
    threads: 1,
    contextSize: CONTEXT_SIZE,
    gpuLayers: 0,
    copyLogits: true,
  });
  try {
    const context = await model.createContext({ sequences: 2, contextSize: CONTEXT_SIZE, threads: 1 });
    const sequences = [context.getSequence(), context.getSequence()];
    let api = await Promise.all(
      prompts.map((tokens, i) => nextProbabilities(sequences[i] as LlamaContextSequence, tokens)),
    );
    let fromFfi = (await ffi.sync(prompts.map((tokens, i) => ({ index: i as 0 | 1, tokens })))).map(softmax);

    let maxProbabilityDifference = 0;
    for (const [i, probabilities] of api.entries()) {
      const ffiProbabilities = fromFfi[i] as Float64Array;
      for (let token = 0; token < ffiProbabilities.length; token++) {
        const difference = Math.abs((ffiProbabilities[token] as number) - (probabilities.get(token) ?? 0));
        maxProbabilityDifference = Math.max(maxProbabilityDifference, difference);
      }
    }
    const ffiTokens: number[][] = [[], []];
    const apiTokens: number[][] = [[], []];
    for (let step = 0; step < GREEDY_STEPS; step++) {
      const nextFfi = fromFfi.map(argmax);
      const nextApi = api.map(argmaxOfMap);
      for (const [i, t] of nextFfi.entries()) ffiTokens[i]?.push(t);
      for (const [i, t] of nextApi.entries()) apiTokens[i]?.push(t);
      api = await Promise.all(
        nextApi.map((t, i) => nextProbabilities(sequences[i] as LlamaContextSequence, [t])),
      );
      fromFfi = (await ffi.step(nextFfi.map((token, i) => ({ index: i as 0 | 1, token })))).map(softmax);
    }
    await context.dispose();
    const sameTokens = JSON.stringify(ffiTokens) === JSON.stringify(apiTokens);
    const ok = maxProbabilityDifference <= PROBABILITY_TOLERANCE && sameTokens;
    const reason = ok
      ? undefined
      : !sameTokens
        ? `greedy tokens differ: FFI ${JSON.stringify(ffiTokens)}, node-llama-cpp ${JSON.stringify(apiTokens)}`
        : `next-token probabilities differ by up to ${maxProbabilityDifference.toExponential(2)}`;
    return { ok, ...(reason ? { reason } : {}), maxProbabilityDifference, ffiTokens, apiTokens };
  } finally {
    await ffi.dispose();
    await model.dispose();
  }
}

async function nextProbabilities(
  sequence: LlamaContextSequence,
  tokens: readonly number[],
): Promise<Map<number, number>> {
  const last = tokens.length - 1;
  const input = tokens.map((token, i) =>
    i === last
      ? ([token as Token, { generateNext: { probabilities: true, options: { temperature: 0 } } }] as const)
      : (token as Token),
  );
  const results = await sequence.controlledEvaluate(
    input as Parameters<LlamaContextSequence['controlledEvaluate']>[0],
  );
  const probabilities = results[last]?.next.probabilities;
  if (!probabilities) throw new Error('node-llama-cpp returned no probabilities');
  return probabilities as Map<number, number>;
}

function softmax(logits: Float32Array): Float64Array {
  let max = -Infinity;
  for (const value of logits) max = Math.max(max, value);
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    out[i] = Math.exp((logits[i] as number) - max);
    sum += out[i] as number;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / sum;
  return out;
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

function argmaxOfMap(probabilities: Map<number, number>): number {
  let best = -1;
  let bestP = -Infinity;
  for (const [token, p] of probabilities) {
    if (p > bestP || (p === bestP && token < best)) {
      best = token;
      bestP = p;
    }
  }
  return best;
}
