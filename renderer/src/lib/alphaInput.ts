import {
  ALPHA_MAX,
  ALPHA_MIN,
  ALPHA_STRENGTHS,
  ALPHA_WARN_ABOVE,
  DEFAULT_ALPHA,
} from '../../../shared/generationLimits.js';
import { formatNumber } from './chip.js';

export type AlphaParse = { ok: true; value: number } | { ok: false; message: string };

/**
 * Read what was typed into an α box. Out-of-range or non-numeric text is refused with a message
 * that says what is allowed; the caller keeps the text so nothing typed is lost.
 */
export function parseAlpha(text: string, range: AlphaRange = fullRange): AlphaParse {
  const trimmed = text.trim().replace(',', '.');
  const value = Number(trimmed);
  const span = `${formatNumber(range.min)} to ${formatNumber(range.max)}`;
  if (trimmed === '' || !Number.isFinite(value)) {
    return { ok: false, message: `α must be a number from ${span}` };
  }
  if (value < range.min || value > range.max) {
    const why = range.locked ? ', as the policy allows' : ` (Standard is ${formatNumber(DEFAULT_ALPHA)})`;
    return { ok: false, message: `α ${trimmed} is out of range: use ${span}${why}` };
  }
  return { ok: true, value };
}

/** The α values a request may use: the app's limits, narrowed by the policy when it sets them. */
export type AlphaRange = { min: number; max: number; locked: boolean };
const fullRange: AlphaRange = { min: ALPHA_MIN, max: ALPHA_MAX, locked: false };

/** The range from the policy's `alphaMin` / `alphaMax` values (missing ones keep the app's limits). */
export function alphaRangeOf(values: { alphaMin?: unknown; alphaMax?: unknown }): AlphaRange {
  const min = typeof values.alphaMin === 'number' ? Math.max(ALPHA_MIN, values.alphaMin) : ALPHA_MIN;
  const max = typeof values.alphaMax === 'number' ? Math.min(ALPHA_MAX, values.alphaMax) : ALPHA_MAX;
  return { min, max, locked: min !== ALPHA_MIN || max !== ALPHA_MAX };
}

/** The warning shown for strong α values, or null when α is in the recommended range. */
export function alphaWarning(alpha: number): string | null {
  return alpha > ALPHA_WARN_ABOVE
    ? `Above ${ALPHA_WARN_ABOVE}, replies often get worse (repeated or odd words). Standard is ${formatNumber(DEFAULT_ALPHA)}.`
    : null;
}

/** The named strength for α, or null for a custom value. */
export function strengthKeyOf(alpha: number): (typeof ALPHA_STRENGTHS)[number]['key'] | null {
  return ALPHA_STRENGTHS.find((s) => s.alpha === alpha)?.key ?? null;
}
