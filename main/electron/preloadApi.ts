import {
  type Channel,
  createRoseApi,
  type Result,
  type RoseApi,
  type RoseEvent,
  transportErrorCodes,
} from '../../shared/contract/index.js';
import { EVENT_CHANNEL } from './ipcChannels.js';

/**
 * The slice of Electron's `ipcRenderer` the preload uses, kept structural so the API builder is
 * unit-tested under Node with a recording fake.
 */
export type PreloadIpc = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
};

/**
 * Builds the closed `window.rose` object: one named function per contract channel (the same shape
 * as the browser client, via the contract's own builder) and `onEvent`. Neither `ipcRenderer` nor
 * a generic invoke is reachable from it, and listeners get the event payload only, never
 * Electron's IPC event object (whose `sender` is the ipcRenderer itself).
 */
export function buildPreloadApi(ipc: PreloadIpc): RoseApi {
  const invoke = async (channel: Channel, input: unknown): Promise<Result<unknown>> => {
    try {
      return (await ipc.invoke(channel, input)) as Result<unknown>;
    } catch {
      // invoke rejects only when the main process has no handler or is going away.
      return {
        ok: false,
        error: { code: transportErrorCodes.disconnected, message: 'Rose is not answering; restart the app.' },
      };
    }
  };
  const onEvent = (listener: (event: RoseEvent) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    const forward = (_ipcEvent: unknown, event: unknown) => listener(event as RoseEvent);
    ipc.on(EVENT_CHANNEL, forward);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(EVENT_CHANNEL, forward);
    };
  };
  return createRoseApi(invoke, onEvent);
}
