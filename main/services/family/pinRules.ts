import { UserError } from '../../../shared/errors.js';

import { PASSPHRASE_MIN_CHARS, PIN_MIN_DIGITS } from '../../../shared/familyLimits.js';

export const PIN_MAX_DIGITS = 32;
export const PASSPHRASE_MAX_CHARS = 200;

/** PINs people pick most often that no rule below catches. */
const commonPins = new Set([
  '112233',
  '102030',
  '159753',
  '147258',
  '258369',
  '123321',
  '696969',
  '520520',
  '789456',
  '111222',
  '102938',
  '001122',
  '199001',
  '200000',
  '100000',
]);

/** True when the digits run up or down by one each step (wrapping 9→0): 123456, 654321, 890123. */
function isSequence(pin: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** True when the PIN is a short block repeated: 000000, 121212, 123123, 12341234. */
function isRepeatedBlock(pin: string): boolean {
  for (let size = 1; size <= pin.length / 2; size++)
    if (pin.length % size === 0 && pin.slice(0, size).repeat(pin.length / size) === pin) return true;
  return false;
}

/** Why a parent secret is refused, or null when it is acceptable. */
export function secretProblem(secret: string): string | null {
  if (/^\d+$/.test(secret)) {
    if (secret.length < PIN_MIN_DIGITS) return `a PIN needs at least ${PIN_MIN_DIGITS} digits`;
    if (secret.length > PIN_MAX_DIGITS) return `a PIN has at most ${PIN_MAX_DIGITS} digits`;
    if (isRepeatedBlock(secret))
      return 'this PIN repeats the same digits; choose one that is harder to guess';
    if (isSequence(secret))
      return 'this PIN is a run of digits (like 123456); choose one that is harder to guess';
    if (commonPins.has(secret)) return 'this PIN is one of the most common ones; choose another';
    return null;
  }
  if (secret.length < PASSPHRASE_MIN_CHARS)
    return `use a PIN of ${PIN_MIN_DIGITS} or more digits, or a passphrase of at least ${PASSPHRASE_MIN_CHARS} characters`;
  if (secret.length > PASSPHRASE_MAX_CHARS)
    return `a passphrase has at most ${PASSPHRASE_MAX_CHARS} characters`;
  if (new Set(secret).size < 4) return 'this passphrase repeats too few characters; choose another';
  return null;
}

export function checkNewSecret(secret: string): void {
  const problem = secretProblem(secret);
  if (problem) throw new UserError('weak-pin', `Choose another PIN: ${problem}.`);
}
