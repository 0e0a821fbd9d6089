import type { Llama, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import { createFfiLogitsSource, type FfiLogitsSource, type FfiRuntime } from './ffiLogitsSource.js';

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
 * A mismatch is compared a second time before it counts (see below).
 */
export async function compareFfiWithApi(
  llama: Llama,
  runtime: FfiRuntime,
  modelPath: string,
): Promise<CanaryReport> {
  const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
  const ffi = await createFfiLogitsSource(runtime, {
    modelPath,
    threads: 1,
    contextSize: CONTEXT_SIZE,
    gpuLayers: 0,
    copyLogits: true,
  });
  try {
    const first = await compareOnce(model, ffi);
    if (first.ok) return reportOf(first);
    // A mismatch is examined before it counts: each side runs again on its own. A wrong layout
    // gives the same wrong numbers every time; a difference that goes away, with the FFI side
    // repeating itself exactly, came from the reference's side (how node-llama-cpp happened to
    // batch or schedule that evaluation) and says nothing against the fast path.
    const firstFfi = first.prompted;
    await ffi.reset();
    const second = await compareOnce(model, ffi);
    const ffiRepeats = maxDifference(firstFfi, second.prompted) <= PROBABILITY_TOLERANCE;
    const evidence =
      `first comparison: ${first.reason}; second: ${second.ok ? 'agreed' : second.reason}; ` +
      `the FFI side ${ffiRepeats ? 'repeated itself exactly' : 'did not repeat itself'}`;
    if (second.ok && ffiRepeats)
      return { ...reportOf(second), reason: `passed on a second comparison (${evidence})` };
    return { ...reportOf(second), ok: false, reason: evidence };
  } finally {
    await ffi.dispose();
    await model.dispose();
  }
}

type Comparison = CanaryReport & { prompted: Float64Array[] };

function reportOf({ prompted: _prompted, ...report }: Comparison): CanaryReport {
  return report;
}

/** One comparison on a fresh node-llama-cpp context and the FFI source's current (empty) state. */
async function compareOnce(model: LlamaModel, ffi: FfiLogitsSource): Promise<Comparison> {
  const prompts = [
    [1, 300, 301, 420, 77, 512, 900],
    [1, 640, 641, 12, 333, 700],
  ];
  const context = await model.createContext({ sequences: 2, contextSize: CONTEXT_SIZE, threads: 1 });
  try {
    const sequences = [context.getSequence(), context.getSequence()];
    let api = await Promise.all(
      prompts.map((tokens, i) => nextProbabilities(sequences[i] as LlamaContextSequence, tokens)),
    );
    let fromFfi = (await ffi.sync(prompts.map((tokens, i) => ({ index: i as 0 | 1, tokens })))).map(softmax);
    const prompted = fromFfi;
    const maxProbabilityDifference = maxDifference(fromFfi, api);
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
    const sameTokens = JSON.stringify(ffiTokens) === JSON.stringify(apiTokens);
    const ok = maxProbabilityDifference <= PROBABILITY_TOLERANCE && sameTokens;
    const reason = ok
      ? undefined
      : !sameTokens
        ? `greedy tokens differ: FFI ${JSON.stringify(ffiTokens)}, node-llama-cpp ${JSON.stringify(apiTokens)}`
        : `next-token probabilities differ by up to ${maxProbabilityDifference.toExponential(2)}`;
    return { ok, ...(reason ? { reason } : {}), maxProbabilityDifference, ffiTokens, apiTokens, prompted };
  } finally {
    await context.dispose();
  }
}

/** Largest |a − b| over both sequences' vocabularies (b: arrays or node-llama-cpp's maps). */
function maxDifference(a: Float64Array[], b: ReadonlyArray<Float64Array | Map<number, number>>): number {
  let max = 0;
  for (const [i, values] of a.entries()) {
    const other = b[i];
    for (let token = 0; token < values.length; token++) {
      const reference = other instanceof Map ? (other.get(token) ?? 0) : (other?.[token] ?? 0);
      max = Math.max(max, Math.abs((values[token] as number) - reference));
    }
  }
  return max;
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
