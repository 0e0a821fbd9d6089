import type { Channel, ParsedRequestOf, ResponseOf } from '../../shared/contract/index.js';

/** The service call behind one channel: takes the validated input, returns the answer or throws. */
export type ChannelImpl<C extends Channel> = (
  input: ParsedRequestOf<C>,
) => ResponseOf<C> | Promise<ResponseOf<C>>;

/** Implementations for a set of channels (one domain file provides its own). */
export type ChannelImpls<C extends Channel = Channel> = { [K in C]: ChannelImpl<K> };
