import type { LlamaContextSequence, LlamaModel } from 'node-llama-cpp';

/**
 * An independent, deliberately plain re-implementation of the ROSE rule for tests: it reads
 * node-llama-cpp's full probability lists directly and contrasts them in a simple loop, so a bug
 * in the engine's own math or bookkeeping cannot hide in the reference.
 */
export type ReferenceStep = { token: number; margin: number };

export async function nextLogProbs(
  sequence: LlamaContextSequence,
  tokens: readonly number[],
): Promise<Map<number, number>> {
  const last = tokens.length - 1;
  const input = tokens.map((t, i) =>
    i === last ? [t, { generateNext: { probabilities: true, options: { temperature: 0 } } }] : t,
  );
  // biome-ignore lint/suspicious/noExplicitAny: node-llama-cpp's Token is a branded number
  const out = await sequence.controlledEvaluate(input as any);
  const map = new Map<number, number>();
  for (const [token, p] of out[last]!.next.probabilities!) map.set(token, Math.log(Math.max(p, 1.4e-45)));
  return map;
}

/** Best token and its lead over the runner-up, for score(y) = safe(y) − α·reverse(y). */
export function contrastPick(
  safe: Map<number, number>,
  reverse: Map<number, number> | null,
  alpha: number,
): ReferenceStep {
  let best = -1;
  let bestScore = -Infinity;
  let second = -Infinity;
  for (const [token, s] of safe) {
    const score = reverse ? s - alpha * (reverse.get(token) ?? Math.log(1.4e-45)) : s;
    if (score > bestScore || (score === bestScore && token < best)) {
      second = bestScore;
      best = token;
      bestScore = score;
    } else if (score > second) second = score;
  }
  return { token: best, margin: bestScore - second };
}

/** Greedy reference decoding of `count` tokens with both prompts in one context, two sequences. */
export async function referenceDecode(
  model: LlamaModel,
  safeTokens: number[],
  reverseTokens: number[] | null,
  alpha: number,
  count: number,
  threads = 1,
): Promise<ReferenceStep[]> {
  const context = await model.createContext({
    sequences: reverseTokens ? 2 : 1,
    contextSize: 1024,
    threads,
    flashAttention: 'auto',
  });
  try {
    const safeSeq = context.getSequence();
    const reverseSeq = reverseTokens ? context.getSequence() : null;
    let [safe, reverse] = await Promise.all([
      nextLogProbs(safeSeq, safeTokens),
      reverseSeq ? nextLogProbs(reverseSeq, reverseTokens!) : null,
    ]);
    const steps: ReferenceStep[] = [];
    for (let i = 0; i < count; i++) {
      const step = contrastPick(safe!, reverse ?? null, alpha);
      steps.push(step);
      [safe, reverse] = await Promise.all([
        nextLogProbs(safeSeq, [step.token]),
        reverseSeq ? nextLogProbs(reverseSeq, [step.token]) : null,
      ]);
    }
    return steps;
  } finally {
    await context.dispose();
  }
}

/**
 * How many leading tokens an exactness test may compare: every step before the first one whose
 * decision margin is within `noise`. That near-tie step is excluded, not compared: batch-shape
 * noise may flip its token, and every token after it then follows a different history.
 */
export function comparableLength(reference: ReferenceStep[], noise: number): number {
  const firstTie = reference.findIndex((step) => step.margin <= noise);
  return firstTie === -1 ? reference.length : firstTie;
}
