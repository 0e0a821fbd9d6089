import type { ContractError, Result } from '../../../shared/contract/index.js';

/** A failed contract call, thrown so store actions can use try/catch; `code` lets the UI react. */
export class CallError extends Error {
  override readonly name = 'CallError';
  readonly code: string;
  constructor(error: ContractError) {
    super(error.message);
    this.code = error.code;
  }
}

/** The value of a call, or a CallError carrying the app's code and one-line message. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new CallError(result.error);
  return result.value;
}

/** A message for people from anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
