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
import { i18n } from '../i18n/index.js';
import { createStore, type Store } from '../stores/createStore.js';

/**
 * `window.rose` for the browser build: the same closed API as the Electron preload, carried over
 * the serve-mode WebSocket. Requests are numbered and answered by id; events arrive between
 * answers. A lost connection is retried with growing pauses. Calls in flight when it drops fail
 * with `disconnected` (the server may or may not have acted on them, so only the user can say
 * whether to repeat them); calls made while it is down were never sent, so they wait and go out
 * when it is back — a message sent during a server restart is delivered after it.
 */

/**
 * `refused`: the server closed the socket before it ever opened (wrong or missing token, or down).
 * `signed-out`: it was open, and the server is back but no longer takes this tab's token
 * (`rose serve --new-token`): the tab has to be opened again from the address `rose serve` printed.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'refused' | 'signed-out';

/** Whether the server is up and still takes this tab's token (`refused`), or cannot be reached. */
export type ProbeResult = 'up' | 'refused' | 'down';

export type WsClientOptions = {
  /** Page address, e.g. http://127.0.0.1:4000/; the socket goes to the same host. */
  pageUrl: string;
  token: string | null;
  /** Injected by unit tests; the browser's WebSocket otherwise. */
  WebSocketImpl?: typeof WebSocket;
  /** Pauses between reconnect attempts grow from here, doubling up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Asked after a failed reconnect: is the server up but refusing this tab's token? The
   * browser's WebSocket hides the HTTP status of a refused upgrade, so a plain request asks.
   */
  probe?: () => Promise<ProbeResult>;
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

/** The browser's probe: a plain request carries the token cookie; 401 means it is no longer taken. */
async function probeServer(pageUrl: string): Promise<ProbeResult> {
  try {
    const response = await fetch(new URL(SOCKET_PATH, pageUrl), {
      cache: 'no-store',
      credentials: 'same-origin',
    });
    return response.status === 401 ? 'refused' : 'up';
  } catch {
    return 'down';
  }
}

export function createWsClient(options: WsClientOptions): WsClient {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const minDelay = options.minDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 8000;
  const url = socketUrl(options.pageUrl, options.token);
  const connection = createStore<ConnectionState>('connecting');
  const listeners = new Set<(event: RoseEvent) => void>();
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  /** Calls not sent yet: they wait for the socket to open (again). */
  const unsent: Array<{ id: number; text: string }> = [];
  const probe = options.probe ?? (() => probeServer(options.pageUrl));
  let nextId = 1;
  let socket: WebSocket | null = null;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const disconnected = (message: string): Result<never> => ({
    ok: false,
    error: { code: transportErrorCodes.disconnected, message },
  });

  /** Fail the calls sent and not answered; with `includeUnsent`, the waiting ones too. */
  function fail(message: string, includeUnsent: boolean) {
    const held = new Set(includeUnsent ? [] : unsent.map((call) => call.id));
    for (const [id, resolve] of waiting) {
      if (held.has(id)) continue;
      waiting.delete(id);
      resolve(disconnected(message));
    }
    if (includeUnsent) unsent.length = 0;
  }
  const failAll = (message: string) => fail(message, true);

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
      const wasUp = opened || connection.get() === 'reconnecting';
      if (wasUp) {
        fail(i18n.t('app.connection.lost'), false);
      } else {
        failAll(i18n.t('app.connection.unreachable'));
      }
      failures += 1;
      connection.set(wasUp ? 'reconnecting' : 'refused');
      if (wasUp && !opened) void checkSignedOut();
      else scheduleRetry();
    };
  }

  function scheduleRetry() {
    const delay = Math.min(maxDelay, minDelay * 2 ** Math.min(failures - 1, 10));
    retryTimer = setTimeout(connect, delay * (0.75 + Math.random() * 0.5));
  }

  /** After a failed reconnect: a server that is back but refuses the token will never let us in. */
  async function checkSignedOut() {
    const answer = await probe().catch((): ProbeResult => 'down');
    if (closed || socket !== null) return;
    if (answer === 'refused') {
      connection.set('signed-out');
      failAll(i18n.t('app.connection.newToken'));
      return;
    }
    scheduleRetry();
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
      failAll(i18n.t('app.connection.closed'));
      socket?.close();
      socket = null;
    },
  };
}
