import { afterEach, describe, expect, test, vi } from 'vitest';
import { takeTokenFromPage } from '../src/api/tokenFromPage.js';
import { createWsClient, type ProbeResult, socketUrl, type WsClient } from '../src/api/wsClient.js';

/** A stand-in for the browser WebSocket: records what is sent, lets the test play the server. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];
  readyState = FakeSocket.CONNECTING;
  sent: Array<{ id: number; channel: string; input: unknown }> = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((m: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  drop() {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.();
  }
  reply(id: number, result: unknown) {
    this.onmessage?.({ data: JSON.stringify({ id, result }) });
  }
  push(event: unknown) {
    this.onmessage?.({ data: JSON.stringify({ event }) });
  }
}

let client: WsClient | null = null;
afterEach(() => {
  client?.close();
  client = null;
  FakeSocket.all = [];
  vi.useRealTimers();
});

const start = (probe: () => Promise<ProbeResult> = async () => 'down') => {
  client = createWsClient({
    pageUrl: 'http://127.0.0.1:4123/?x=1#top',
    token: 'secret',
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    minDelayMs: 10,
    maxDelayMs: 40,
    probe,
  });
  return { client, socket: FakeSocket.all[0]! };
};

describe('browser WebSocket client', () => {
  test('connects to the socket path on the same host, with the token', () => {
    expect(socketUrl('https://rose.lan:8443/app/?token=t', 'a b')).toMatch(
      /^wss:\/\/rose\.lan:8443\/[^?]+\?token=a\+b$/,
    );
    const { socket } = start();
    expect(socket.url.startsWith('ws://127.0.0.1:4123/')).toBe(true);
    expect(new URL(socket.url).searchParams.get('token')).toBe('secret');
  });

  test('requests made before the socket opens are sent once it does, and answered by id', async () => {
    const { client, socket } = start();
    const first = client.api.chats.list();
    const second = client.api.presets.list();
    expect(socket.sent).toHaveLength(0);
    socket.open();
    expect(socket.sent.map((r) => r.channel)).toEqual(['app:chats.list', 'app:presets.list']);
    const [a, b] = socket.sent;
    expect(a!.id).not.toBe(b!.id);
    socket.reply(b!.id, { ok: true, value: ['presets'] });
    socket.reply(a!.id, { ok: true, value: ['chats'] });
    expect(await first).toEqual({ ok: true, value: ['chats'] });
    expect(await second).toEqual({ ok: true, value: ['presets'] });
  });

  test('events reach every listener until it stops listening; malformed ones are dropped', () => {
    const { client, socket } = start();
    socket.open();
    const seen: string[] = [];
    const stop = client.api.onEvent((e) => seen.push(e.type));
    socket.push({ type: 'model.loading', path: '/m.gguf', fraction: 0.5 });
    socket.push({ type: 'chat.delta', conversationId: 1 }); // missing fields
    socket.onmessage?.({ data: 'not json' });
    stop();
    socket.push({ type: 'model.loading', path: '/m.gguf', fraction: 1 });
    expect(seen).toEqual(['model.loading']);
  });

  test('a dropped connection fails the calls in flight and reconnects with a pause', async () => {
    vi.useFakeTimers();
    const { client, socket } = start();
    socket.open();
    const pending = client.api.chats.list();
    socket.drop();
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('disconnected');
    expect(client.connection.get()).toBe('reconnecting');
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1]!.open();
    expect(client.connection.get()).toBe('open');
  });

  test('a call made while the server is away is kept and sent once it is back (a restart loses nothing)', async () => {
    vi.useFakeTimers();
    const { client, socket } = start();
    socket.open();
    socket.drop();
    const sent = client.api.chats.send({ text: 'typed during the restart' });
    let answered = false;
    void sent.then(() => {
      answered = true;
    });
    await vi.advanceTimersByTimeAsync(100);
    FakeSocket.all[1]!.drop(); // the server is still down: the call keeps waiting
    await vi.advanceTimersByTimeAsync(100);
    expect(answered).toBe(false);
    const back = FakeSocket.all.at(-1)!;
    back.open();
    expect(back.sent.map((r) => [r.channel, r.input])).toEqual([
      ['app:chats.send', { text: 'typed during the restart' }],
    ]);
    back.reply(back.sent[0]!.id, { ok: true, value: 'stored' });
    expect(await sent).toEqual({ ok: true, value: 'stored' });
  });

  test('a server that is back but refuses the token signs the tab out and fails what waited', async () => {
    vi.useFakeTimers();
    const probe = vi.fn(async (): Promise<ProbeResult> => 'refused');
    const { client, socket } = start(probe);
    socket.open();
    socket.drop();
    const waiting = client.api.chats.list();
    await vi.advanceTimersByTimeAsync(100);
    FakeSocket.all[1]!.drop();
    const result = await waiting;
    expect(client.connection.get()).toBe('signed-out');
    expect(!result.ok && result.error.message).toMatch(/sign in again/);
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.all).toHaveLength(2); // no more retries: the old token will never work
  });

  test('a socket refused before it opens is reported as refused', () => {
    const { client, socket } = start();
    socket.drop();
    expect(client.connection.get()).toBe('refused');
  });
});

describe('token from the page address', () => {
  test('is taken from ?token=, removed from the address bar and kept for reloads', () => {
    const replaceState = vi.fn();
    const stored = new Map<string, string>();
    const storage = {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
    };
    const token = takeTokenFromPage(
      { href: 'http://127.0.0.1:4000/?token=abc123&x=1#c' },
      { replaceState },
      storage,
    );
    expect(token).toBe('abc123');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?x=1#c');
    // After a reload the address has no token; the stored one is used.
    expect(takeTokenFromPage({ href: 'http://127.0.0.1:4000/?x=1' }, { replaceState }, storage)).toBe(
      'abc123',
    );
    expect(replaceState).toHaveBeenCalledTimes(1);
  });

  test('no token anywhere gives null', () => {
    expect(takeTokenFromPage({ href: 'http://127.0.0.1:4000/' }, { replaceState: vi.fn() }, null)).toBeNull();
  });
});
