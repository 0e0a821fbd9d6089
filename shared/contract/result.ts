import type { Refusal } from '../policy/refusal.js';

/**
 * The envelope every contract call answers with. Errors are data: a `code` the UI can act on and
 * one line for people. Transports never throw across the boundary.
 */

/**
 * Why a call failed. `field` names the offending input field for `invalid-request`; `refusal`
 * comes with a refusal by policy, so a window can say it in its own language.
 */
export type ContractError = { code: string; message: string; field?: string; refusal?: Refusal };

/** A call's answer: the value, or an error the caller can show or act on. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** Codes the transports themselves produce; services add their own (see shared/errors.ts). */
export const transportErrorCodes = {
  /** The input did not match the channel's schema; nothing was done. */
  invalidRequest: 'invalid-request',
  /** No such channel. */
  unknownChannel: 'unknown-channel',
  /** Something went wrong that is not the caller's fault; details are in the server log. */
  internal: 'internal',
  /** The connection to the app was lost before an answer came. */
  disconnected: 'disconnected',
} as const;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: string, message: string, field?: string): Result<never> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

/** A refusal by policy: its English message, and its parts for a window in another language. */
export const refused = (code: string, message: string, refusal: Refusal): Result<never> => ({
  ok: false,
  error: { code, message, refusal },
});
