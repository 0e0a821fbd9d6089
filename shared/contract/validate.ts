import type { z } from 'zod';
import { type Channel, contract, isChannel, type ParsedRequestOf } from './contract.js';
import { fail, ok, type Result, transportErrorCodes } from './result.js';

/**
 * Check a request against its channel's schema. A bad one gets `invalid-request` with the first
 * offending field named (`field`, and in the message), so a caller can say what to fix.
 */
export function validateRequest<C extends Channel>(channel: C, raw: unknown): Result<ParsedRequestOf<C>>;
export function validateRequest(channel: string, raw: unknown): Result<unknown>;
export function validateRequest(channel: string, raw: unknown): Result<unknown> {
  if (!isChannel(channel)) {
    return fail(transportErrorCodes.unknownChannel, `no channel named ${JSON.stringify(String(channel))}`);
  }
  const parsed = (contract[channel].input as z.ZodType).safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0]!;
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [...issue.path.map(String), ...keys.slice(0, 1)];
  const field = path.join('.') || '(input)';
  const problem = issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message;
  return fail(
    transportErrorCodes.invalidRequest,
    `invalid request for ${channel}: ${field} ${problem}`,
    field,
  );
}
