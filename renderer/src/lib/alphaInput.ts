import {
  ALPHA_MAX,
  ALPHA_MIN,
  ALPHA_STRENGTHS,
  ALPHA_WARN_ABOVE,
  DEFAULT_ALPHA,
} from '../../../shared/generationLimits.js';
import { type TFunction, i18n } from '../i18n/index.js';
import { formatNumber } from './chip.js';

export type AlphaParse = { ok: true; value: number } | { ok: false; message: string };

/**
 * Read what was typed into an α box. Out-of-range or non-numeric text is refused with a message
 * that says what is allowed; the caller keeps the text so nothing typed is lost. The message is in
 * the language of `t` (by default the interface's language now).
 */
export function parseAlpha(text: string, range: AlphaRange = fullRange, t: TFunction = i18n.t): AlphaParse {
  const trimmed = text.trim().replace(',', '.');
  const value = Number(trimmed);
  const span = { min: formatNumber(range.min), max: formatNumber(range.max) };
  if (trimmed === '' || !Number.isFinite(value)) {
    return { ok: false, message: t('composer.alpha.notANumber', span) };
  }
  if (value < range.min || value > range.max) {
    const message = range.locked
      ? t('composer.alpha.outOfPolicyRange', { ...span, value: trimmed })
      : t('composer.alpha.outOfRange', { ...span, value: trimmed, standard: formatNumber(DEFAULT_ALPHA) });
    return { ok: false, message };
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
export function alphaWarning(alpha: number, t: TFunction = i18n.t): string | null {
  return alpha > ALPHA_WARN_ABOVE
    ? t('composer.alpha.warning', { limit: ALPHA_WARN_ABOVE, standard: formatNumber(DEFAULT_ALPHA) })
    : null;
}

/** The named strength for α, or null for a custom value. */
export function strengthKeyOf(alpha: number): (typeof ALPHA_STRENGTHS)[number]['key'] | null {
  return ALPHA_STRENGTHS.find((s) => s.alpha === alpha)?.key ?? null;
}
