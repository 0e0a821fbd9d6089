import { isUserError, UserError } from '../../shared/errors.js';

/**
 * An error as it crosses a worker-thread boundary (the decoding engine's, the guard model's):
 * name, code and message survive, the stack does not matter. A UserError keeps its code.
 */
export type WireError = { name: string; code: string; message: string };

/** `fallbackCode` names an error that is not a UserError, by the thread it came from. */
export function toWire(error: unknown, fallbackCode: string): WireError {
  if (isUserError(error)) return { name: error.name, code: error.code, message: error.message };
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, code: fallbackCode, message: e.message };
}

export function fromWire(error: WireError): Error {
  if (error.name === 'UserError') return new UserError(error.code, error.message);
  return Object.assign(new Error(error.message), { name: error.name, code: error.code });
}
