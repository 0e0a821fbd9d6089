import {
  type Channel,
  channels,
  fail,
  ok,
  refused,
  type ResponseOf,
  type Result,
  transportErrorCodes,
  validateRequest,
} from '../../shared/contract/index.js';
import { isUserError, refusalOf } from '../../shared/errors.js';
import { storageUserError } from '../services/storageErrors.js';
import type { ChannelImpls } from './handlerTypes.js';

/** One checked entry point per channel: raw input in, result envelope out; it never throws. */
export type Handlers = { readonly [C in Channel]: (rawInput?: unknown) => Promise<Result<ResponseOf<C>>> };

const internalMessage = 'Something went wrong inside Rose. The details are in its log; please try again.';

/**
 * Wrap service calls so that every input is validated against the contract first (a bad one
 * reaches no service, so nothing is written) and every failure becomes an error value: a
 * UserError keeps its code and message; a full disk or an unreadable file gets its own code
 * ('disk-full', 'file-unreadable'); anything else is logged and reported as `internal`.
 */
export function checkedHandlers(impls: ChannelImpls, log: (message: string) => void): Handlers {
  const handlers: Record<string, (rawInput: unknown) => Promise<Result<unknown>>> = {};
  for (const channel of channels) {
    const impl = impls[channel] as (input: unknown) => unknown;
    handlers[channel] = async (rawInput) => {
      const input = validateRequest(channel, rawInput);
      if (!input.ok) return input;
      try {
        return ok(await impl(input.value));
      } catch (error) {
        if (isUserError(error)) {
          const refusal = refusalOf(error);
          return refusal ? refused(error.code, error.message, refusal) : fail(error.code, error.message);
        }
        const storage = storageUserError(error, 'your data');
        if (storage) {
          log(`${channel} failed: ${(error as Error).message}`);
          return fail(storage.code, storage.message);
        }
        log(`${channel} failed: ${(error as Error)?.stack ?? String(error)}`);
        return fail(transportErrorCodes.internal, internalMessage);
      }
    };
  }
  return Object.freeze(handlers) as unknown as Handlers;
}

/** Call a channel by name, as a transport receives it (the name is not trusted either). */
export function dispatch(handlers: Handlers, channel: unknown, rawInput: unknown): Promise<Result<unknown>> {
  if (typeof channel !== 'string' || !Object.hasOwn(handlers, channel)) {
    return Promise.resolve(
      fail(
        transportErrorCodes.unknownChannel,
        `no channel named ${JSON.stringify(String(channel)).slice(0, 120)}`,
      ),
    );
  }
  return handlers[channel as Channel](rawInput);
}
