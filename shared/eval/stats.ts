import { createPrng } from '../prng.js';

/**
 * The statistics the safety bench reports: Wilson intervals for rates, a seeded paired bootstrap
 * for differences between settings, and McNemar's exact test for paired yes/no outcomes.
 */

/** The normal quantile for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

export type Proportion = {
  successes: number;
  n: number;
  /** successes / n; null when n is 0. */
  rate: number | null;
  /** Wilson 95 % interval; null when n is 0. */
  low: number | null;
  high: number | null;
};

/**
 * Wilson score interval: unlike the plain ±1.96·SE it stays inside [0, 1] and is honest at
 * 0 of n or n of n, which the bench meets often (a model that refuses nothing).
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): { low: number; high: number } {
  if (n <= 0) throw new RangeError('a Wilson interval needs n > 0');
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function proportion(successes: number, n: number): Proportion {
  if (n === 0) return { successes, n, rate: null, low: null, high: null };
  const { low, high } = wilsonInterval(successes, n);
  return { successes, n, rate: successes / n, low, high };
}

/**
 * McNemar's exact test on the discordant pairs (b: yes→no, c: no→yes): under no change each
 * discordant pair goes either way with probability ½, so the two-sided p is twice the smaller
 * binomial tail, capped at 1. Exact for every count, so there is no small-sample switch.
 */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  let tail = 0;
  for (let i = 0; i <= k; i++) tail += Math.exp(logChoose(n, i) - n * Math.LN2);
  return Math.min(1, 2 * tail);
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = logFactorials[i - 1]! + Math.log(i);
  return logFactorials[n]!;
}

export const BOOTSTRAP_RESAMPLES = 2000;
export const BOOTSTRAP_SEED = 20240611;

/**
 * The mean paired difference (after − before, each 0 or 1) with a percentile bootstrap 95 %
 * interval: items are resampled with replacement, keeping each item's pair together. Seeded, so
 * the same answers always give the same interval.
 */
export function pairedDifference(
  pairs: { before: number; after: number }[],
  options: { resamples?: number; seed?: number } = {},
): { difference: number | null; low: number | null; high: number | null } {
  const n = pairs.length;
  if (n === 0) return { difference: null, low: null, high: null };
  const deltas = pairs.map((pair) => pair.after - pair.before);
  const difference = deltas.reduce((sum, delta) => sum + delta, 0) / n;
  const random = createPrng(options.seed ?? BOOTSTRAP_SEED);
  const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
  const means: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += deltas[Math.floor(random() * n)]!;
    means.push(sum / n);
  }
  means.sort((a, b) => a - b);
  return { difference, low: quantile(means, 0.025), high: quantile(means, 0.975) };
}

/** Linear-interpolated quantile of sorted values (type 7, the common default). */
export function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.ceil(at);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}
