import type { ContractError, Result } from '../../../shared/contract/index.js';
import type { Refusal } from '../../../shared/policy/refusal.js';
import { i18n } from '../i18n/index.js';
import { refusalText } from '../lib/refusalText.js';

/** A failed contract call, thrown so store actions can use try/catch; `code` lets the UI react. */
export class CallError extends Error {
  override readonly name = 'CallError';
  readonly code: string;
  /** The parts of a refusal by policy, so it can be said in the window's language. */
  readonly refusal: Refusal | null;
  constructor(error: ContractError) {
    super(error.message);
    this.code = error.code;
    this.refusal = error.refusal ?? null;
  }
}

/** The value of a call, or a CallError carrying the app's code and one-line message. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new CallError(result.error);
  return result.value;
}

/** A message for people from anything thrown; a refusal by policy in the window's language. */
export function messageOf(error: unknown): string {
  if (error instanceof CallError && error.refusal) return refusalText(i18n.t, error.refusal, error.message);
  return error instanceof Error ? error.message : String(error);
}

/** The message of a failed call's error, as messageOf says it. */
export const errorMessage = (error: ContractError): string => messageOf(new CallError(error));
