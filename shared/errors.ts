import type { Refusal } from './policy/refusal.js';

/**
 * An error the user can act on: bad input, a missing or broken file, a refused request.
 * Transports show its message as is (one line, no stack trace); `code` lets a UI react.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function isUserError(error: unknown): error is UserError {
  return (
    error instanceof Error && error.name === 'UserError' && typeof (error as UserError).code === 'string'
  );
}

/** A request refused by a rule a parent or admin set; `refusal` says it in parts (see refusal.ts). */
export class RefusalError extends UserError {
  constructor(
    code: string,
    message: string,
    readonly refusal: Refusal,
  ) {
    super(code, message);
  }
}

export function refusalOf(error: unknown): Refusal | null {
  return isUserError(error) && 'refusal' in error ? (error as RefusalError).refusal : null;
}
