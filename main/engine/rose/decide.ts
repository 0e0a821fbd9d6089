import { candidateCount, contrastScores, plausibleCandidates } from './contrast.js';
import type { Prng } from '../../../shared/prng.js';
import { pickToken, type SamplingParams } from './sample.js';

export type Decision = {
  token: number;
  /** What the safe run alone would have picked with the same settings and the same random draw. */
  safeOnlyToken: number;
  /** ROSE changed the pick. */
  steered: boolean;
};

/**
 * One ROSE step: contrast the two runs' scores, restrict to plausible candidates (β > 0), pick.
 * With `reverse` null (ROSE off) it is plain decoding of the safe run.
 */
export function decideNextToken(
  safe: Float32Array,
  reverse: Float32Array | null,
  settings: { alpha: number; beta: number; sampling: SamplingParams },
  prng: Prng,
  scratch?: Float32Array,
): Decision {
  const u = settings.sampling.temperature > 0 ? prng() : 0;
  const safeOnlyToken = pickToken(safe, settings.sampling, u);
  if (reverse === null) return { token: safeOnlyToken, safeOnlyToken, steered: false };
  const mask = plausibleCandidates(safe, settings.beta);
  const scores = contrastScores(safe, reverse, settings.alpha, scratch);
  const token = pickToken(scores, settings.sampling, u, mask);
  return { token, safeOnlyToken, steered: token !== safeOnlyToken };
}

/**
 * With β > 0, when the mask leaves a single candidate the reverse scores cannot change the pick,
 * so the generator may skip the reverse run for that step (the lazy-reverse speed-up).
 */
export function onlyCandidate(safe: Float32Array, beta: number): number | null {
  const mask = plausibleCandidates(safe, beta);
  if (mask === null || candidateCount(mask, safe.length) !== 1) return null;
  return mask.indexOf(1);
}

/**
 * The decision when the plausibility mask leaves one candidate: that token, whatever the reverse
 * run says. The random draw is still taken so the PRNG stays in step with a non-lazy run.
 */
export function decideLoneCandidate(
  safe: Float32Array,
  lone: number,
  sampling: SamplingParams,
  prng: Prng,
): Decision {
  const u = sampling.temperature > 0 ? prng() : 0;
  const safeOnlyToken = pickToken(safe, sampling, u);
  return { token: lone, safeOnlyToken, steered: lone !== safeOnlyToken };
}
