import { UserError } from '../../shared/errors.js';

/** Parses a numeric flag, naming the flag in the error so the user knows what to fix. */
export function numberFlag(
  name: string,
  value: string | undefined,
  fallback: number,
  limits: { min?: number; max?: number; integer?: boolean } = {},
): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY, integer = false } = limits;
  if (
    value.trim() === '' ||
    !Number.isFinite(parsed) ||
    (integer && !Number.isInteger(parsed)) ||
    parsed < min ||
    parsed > max
  ) {
    const range = `${integer ? 'an integer' : 'a number'}${Number.isFinite(min) ? ` ≥ ${min}` : ''}${Number.isFinite(max) ? ` and ≤ ${max}` : ''}`;
    throw new UserError('bad-flag', `--${name} must be ${range}, got '${value}'.`);
  }
  return parsed;
}

export function requireFlag(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new UserError('missing-flag', `--${name} is required.`);
  return value;
}
