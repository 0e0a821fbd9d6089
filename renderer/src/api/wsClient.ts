import {
  type Channel,
  createRoseApi,
  parseRoseEvent,
  type Result,
  type RoseApi,
  type RoseEvent,
  SOCKET_PATH,
  transportErrorCodes,
} from '../../../shared/contract/index.js';
import { createStore, type Store } from '../stores/createStore.js';

/**
 * `window.rose` for the browser build: the same closed API as the Electron preload, carried over
 * the serve-mode WebSocket. Requests are numbered and answered by id; events arrive between
 * answers. A lost connection is retried with growing pauses; calls in flight when it drops fail
 * with `disconnected` (the UI shows that and offers to retry) rather than hang.
 */

/** `refused`: the server closed the socket before it opened (wrong or missing token, or down). */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'refused';

export type WsClientOptions = {
  /** Page address, e.g. http://127.0.0.1:4000/; the socket goes to the same host. */
  pageUrl: string;
  token: string | null;
  /** Injected by unit tests; the browser's WebSocket otherwise. */
  WebSocketImpl?: typeof WebSocket;
  /** Pauses between reconnect attempts grow from here, doubling up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
};

export type WsClient = { api: RoseApi; connection: Store<ConnectionState>; close(): void };

export function socketUrl(pageUrl: string, token: string | null): string {
  const page = new URL(pageUrl);
  const url = new URL(SOCKET_PATH, page);
  url.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  url.hash = '';
  if (token !== null) url.searchParams.set('token', token);
  return url.toString();
}

export function createWsClient(options: WsClientOptions): WsClient {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const minDelay = options.minDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 8000;
  const url = socketUrl(options.pageUrl, options.token);
  const connection = createStore<ConnectionState>('connecting');
  const listeners = new Set<(event: RoseEvent) => void>();
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  const unsent: Array<{ id: number; text: string }> = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const disconnected = (message: string): Result<never> => ({
    ok: false,
    error: { code: transportErrorCodes.disconnected, message },
  });

  function failAll(message: string) {
    for (const [id, resolve] of waiting) {
      waiting.delete(id);
      resolve(disconnected(message));
    }
    unsent.length = 0;
  }

  function connect() {
    retryTimer = null;
    let opened = false;
    const ws = new Impl(url);
    socket = ws;
    ws.onopen = () => {
      opened = true;
      failures = 0;
      connection.set('open');
      for (const { text } of unsent.splice(0)) ws.send(text);
    };
    ws.onmessage = (message) => receive(message.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      if (closed) return;
      failAll(
        opened
          ? 'the connection to Rose was lost; it reconnects by itself, then try again'
          : 'cannot reach Rose: check that `rose serve` is running and that the page address has its ?token=',
      );
      failures += 1;
      connection.set(opened || connection.get() === 'reconnecting' ? 'reconnecting' : 'refused');
      const delay = Math.min(maxDelay, minDelay * 2 ** Math.min(failures - 1, 10));
      retryTimer = setTimeout(connect, delay * (0.75 + Math.random() * 0.5));
    };
  }

  function receive(data: unknown) {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return; // not ours; nothing to do with it
    }
    if (typeof message !== 'object' || message === null) return;
    if ('event' in message) {
      const event = parseRoseEvent(message.event);
      if (event) for (const listener of [...listeners]) listener(event);
      return;
    }
    if ('id' in message && 'result' in message && typeof message.id === 'number') {
      const resolve = waiting.get(message.id);
      waiting.delete(message.id);
      resolve?.(message.result as Result<unknown>);
    }
  }

  function invoke(channel: Channel, input: unknown): Promise<Result<unknown>> {
    if (closed) return Promise.resolve(disconnected('the connection to Rose is closed'));
    const id = nextId++;
    const text = JSON.stringify({ id, channel, input });
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      if (socket && socket.readyState === Impl.OPEN) socket.send(text);
      else unsent.push({ id, text });
    });
  }

  const api = createRoseApi(invoke, (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  });

  connect();
  return {
    api,
    connection,
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      failAll('the connection to Rose is closed');
      socket?.close();
      socket = null;
    },
  };
}
