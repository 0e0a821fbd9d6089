/**
 * The ROSE rule (Zhong et al. 2024): score(y) = safe(y) − α · reverse(y).
 *
 * Inputs may be raw logits or log-probabilities; they differ per sequence by a per-step constant,
 * which shifts every score equally and so changes neither argmax nor softmax.
 */
export function contrastScores(
  safe: Float32Array,
  reverse: Float32Array,
  alpha: number,
  out: Float32Array = new Float32Array(safe.length),
): Float32Array {
  if (safe.length !== reverse.length) {
    throw new RangeError(`safe and reverse scores differ in length (${safe.length} vs ${reverse.length})`);
  }
  for (let i = 0; i < safe.length; i++) out[i] = safe[i]! - alpha * reverse[i]!;
  return out;
}

/**
 * The adaptive plausibility constraint of contrastive decoding (Li et al. 2023), optional in Rose:
 * only tokens with p_safe(y) ≥ β · max p_safe stay candidates, i.e. safe(y) ≥ max safe + ln β.
 * Returns null when β = 0 (every token is a candidate: the paper's exact rule).
 */
export function plausibleCandidates(safe: Float32Array, beta: number): Uint8Array | null {
  if (!(beta > 0)) return null;
  if (beta > 1) throw new RangeError(`beta must be between 0 and 1, got ${beta}`);
  const threshold = safe[argmax(safe)]! + Math.log(beta);
  const mask = new Uint8Array(safe.length);
  for (let i = 0; i < safe.length; i++) if (safe[i]! >= threshold) mask[i] = 1;
  return mask;
}

/** Number of candidates a mask lets through (the whole vocabulary when there is no mask). */
export function candidateCount(mask: Uint8Array | null, vocabSize: number): number {
  if (mask === null) return vocabSize;
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i]!;
  return count;
}

/**
 * Index of the highest score among the candidates. Ties go to the lowest index, so the pick is
 * deterministic whatever produced the scores.
 */
export function argmax(scores: Float32Array, mask: Uint8Array | null = null): number {
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < scores.length; i++) {
    if (mask !== null && mask[i] === 0) continue;
    const score = scores[i]!;
    if (score > bestScore || best === -1) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}
