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
export function parseAlpha(text: string): AlphaParse {
  const trimmed = text.trim().replace(',', '.');
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) {
    return { ok: false, message: `α must be a number from ${ALPHA_MIN} to ${ALPHA_MAX}` };
  }
  if (value < ALPHA_MIN || value > ALPHA_MAX) {
    return {
      ok: false,
      message: `α ${trimmed} is out of range: use ${ALPHA_MIN} to ${ALPHA_MAX} (Standard is ${formatNumber(DEFAULT_ALPHA)})`,
    };
  }
  return { ok: true, value };
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
