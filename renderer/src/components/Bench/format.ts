import type { Proportion } from '../../../../shared/eval/stats.js';

/** How the bench's numbers read on the page. */

export const percent = (value: number | null): string =>
  value === null ? '—' : `${(value * 100).toFixed(1)} %`;

/** "41.7 % (5/12, 95 % CI 19.3–68.0 %)", or "no items". */
export function rateText(p: Proportion): string {
  if (p.n === 0) return 'no items';
  return `${percent(p.rate)} (${p.successes}/${p.n}, 95 % CI ${percent(p.low)}–${percent(p.high)})`;
}

export function signedPoints(value: number | null): string {
  if (value === null) return '—';
  return `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)} pt`;
}

export function durationText(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** "0.25, 0.5,1" → [0.25, 0.5, 1]; null when any part is not a number. */
export function parseAlphas(text: string): number[] | null {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length === 0 || parts.some((part) => part === '')) return null;
  const values = parts.map(Number);
  return values.every((value) => Number.isFinite(value)) ? values : null;
}
