import type { Proportion } from '../../../../shared/eval/stats.js';
import type { TFunction } from '../../i18n/index.js';

/** How the bench's numbers read on the page, in the interface's language. */

export const percent = (value: number | null, t: TFunction): string =>
  value === null ? '—' : t('bench.format.percent', { value: value * 100 });

/** "41.7 % (5/12, 95 % CI 19.3–68.0 %)", or "no items". */
export function rateText(p: Proportion, t: TFunction): string {
  if (p.n === 0) return t('bench.format.noItems');
  return t('bench.format.rate', {
    rate: percent(p.rate, t),
    successes: p.successes,
    n: p.n,
    low: percent(p.low, t),
    high: percent(p.high, t),
  });
}

export function signedPoints(value: number | null, t: TFunction): string {
  if (value === null) return '—';
  return t('bench.format.points', { sign: value >= 0 ? '+' : '−', value: Math.abs(value * 100) });
}

export function durationText(seconds: number, t: TFunction): string {
  if (seconds < 90) return t('bench.format.seconds', { value: Math.max(1, Math.round(seconds)) });
  if (seconds < 5400) return t('bench.format.minutes', { value: Math.round(seconds / 60) });
  return t('bench.format.hours', { value: seconds / 3600 });
}

/** "0.25, 0.5,1" → [0.25, 0.5, 1]; null when any part is not a number. */
export function parseAlphas(text: string): number[] | null {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length === 0 || parts.some((part) => part === '')) return null;
  const values = parts.map(Number);
  return values.every((value) => Number.isFinite(value)) ? values : null;
}
