import type { RoseEvent } from './events.js';
import { type Channel, channels, type RequestOf, type ResponseOf } from './contract.js';
import type { Result } from './result.js';

type DomainOf<C> = C extends `app:${infer D}.${string}` ? D : never;
type VerbOf<C, D extends string> = C extends `app:${D}.${infer V}` ? V : never;
type Method<C extends Channel> =
  undefined extends RequestOf<C>
    ? (input?: RequestOf<C>) => Promise<Result<ResponseOf<C>>>
    : (input: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;

/**
 * The closed API a window gets (`window.rose`): one method per channel, grouped by domain —
 * `app:chats.send` is `rose.chats.send(input)` — plus `onEvent`. No generic `invoke`.
 */
export type RoseApi = {
  readonly [D in DomainOf<Channel>]: {
    readonly [C in Channel as VerbOf<C, D>]: Method<C>;
  };
} & {
  /** Listen to app events; returns the function that stops listening. */
  onEvent(listener: (event: RoseEvent) => void): () => void;
};

/** How a transport sends one call; it resolves to the result envelope and never rejects. */
export type Invoke = (channel: Channel, input: unknown) => Promise<Result<unknown>>;

/** Build the API over any transport (Electron IPC in the preload, the WebSocket in a browser). */
export function createRoseApi(invoke: Invoke, onEvent: RoseApi['onEvent']): RoseApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of channels) {
    const [domain, verb] = channel.slice('app:'.length).split('.') as [string, string];
    api[domain] ??= {};
    api[domain][verb] = (input) => invoke(channel, input ?? {});
  }
  for (const group of Object.values(api)) Object.freeze(group);
  return Object.freeze({ ...api, onEvent }) as unknown as RoseApi;
}

/** The channel behind `rose.<domain>.<verb>`, for transports that map names. */
export function channelOf(domain: string, verb: string): Channel | null {
  const name = `app:${domain}.${verb}`;
  return (channels as string[]).includes(name) ? (name as Channel) : null;
}
