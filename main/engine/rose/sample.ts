import { argmax } from './contrast.js';

export type SamplingParams = {
  /** 0 = greedy. */
  temperature: number;
  /** Keep only the k best candidates; 0 = no cut. */
  topK: number;
  /** Keep the smallest set of best candidates whose probability reaches p; 1 = no cut. */
  topP: number;
};

/**
 * Scores more than this far (after dividing by the temperature) below the best one carry less than
 * e^-50 of its probability; dropping them first keeps sampling cheap on 150k-token vocabularies.
 */
const NEGLIGIBLE_GAP = 50;

/**
 * Picks a token from softmax(scores / T) after top-k and top-p, using the uniform draw `u` ∈ [0, 1).
 * Taking `u` from the caller lets ROSE and the safe-only comparison share one draw per step.
 * Temperature 0 is greedy. Ties and ordering are by score, then by lower index.
 */
export function pickToken(
  scores: Float32Array,
  params: SamplingParams,
  u: number,
  mask: Uint8Array | null = null,
): number {
  if (params.temperature <= 0) return argmax(scores, mask);
  const best = argmax(scores, mask);
  const bestScaled = scores[best]! / params.temperature;

  let candidates: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (mask !== null && mask[i] === 0) continue;
    if (bestScaled - scores[i]! / params.temperature <= NEGLIGIBLE_GAP) candidates.push(i);
  }
  candidates.sort((a, b) => scores[b]! - scores[a]! || a - b);
  if (params.topK > 0 && candidates.length > params.topK) candidates = candidates.slice(0, params.topK);

  const weights = candidates.map((i) => Math.exp(scores[i]! / params.temperature - bestScaled));
  let total = weights.reduce((sum, w) => sum + w, 0);
  if (params.topP < 1) {
    let kept = 0;
    let cumulative = 0;
    while (kept < weights.length && cumulative < params.topP * total) cumulative += weights[kept++]!;
    candidates = candidates.slice(0, Math.max(1, kept));
    weights.length = candidates.length;
    total = weights.reduce((sum, w) => sum + w, 0);
  }

  let remaining = u * total;
  for (let j = 0; j < candidates.length; j++) {
    remaining -= weights[j]!;
    if (remaining < 0) return candidates[j]!;
  }
  return candidates[candidates.length - 1]!;
}
