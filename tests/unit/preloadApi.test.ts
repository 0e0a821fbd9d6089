import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Channel, channels, type RoseEvent } from '../../shared/contract/index.js';
import { EVENT_CHANNEL } from '../../main/electron/ipcChannels.js';
import { buildPreloadApi, type PreloadIpc } from '../../main/electron/preloadApi.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Records what the preload asks of ipcRenderer; `answer` decides what invoke resolves to. */
function fakeIpc(answer: (channel: string, input: unknown) => Promise<unknown>) {
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: PreloadIpc = {
    invoke: (channel, ...args) => {
      invoked.push({ channel, args });
      return answer(channel, args[0]);
    },
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, ...args: unknown[]) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: ipc, ports: [] }, ...args);
  };
  return { ipc, invoked, listeners, emit };
}

/** `rose.<domain>.<verb>` paths of every function on the API object. */
function methodPaths(api: object): string[] {
  const paths: string[] = [];
  for (const [domain, group] of Object.entries(api)) {
    if (typeof group === 'function') paths.push(domain);
    else
      for (const [verb, fn] of Object.entries(group as object))
        if (typeof fn === 'function') paths.push(`${domain}.${verb}`);
  }
  return paths.sort();
}

test('window.rose has exactly one function per contract channel, plus onEvent, and nothing else', () => {
  const { ipc } = fakeIpc(async () => ({ ok: true, value: null }));
  const api = buildPreloadApi(ipc);
  const expected = [...channels.map((c) => c.slice('app:'.length)), 'onEvent'].sort();
  assert.deepEqual(methodPaths(api), expected);
  assert.ok(channels.length > 0);
  for (const forbidden of ['invoke', 'send', 'ipcRenderer', 'on', 'sendSync', 'channels']) {
    assert.equal(forbidden in api, false, `window.rose.${forbidden} must not exist`);
  }
  assert.ok(Object.isFrozen(api));
  for (const group of Object.values(api)) if (typeof group === 'object') assert.ok(Object.isFrozen(group));
});

test('each method invokes its own channel with the input and returns the envelope', async () => {
  const { ipc, invoked } = fakeIpc(async (channel, input) => ({ ok: true, value: { channel, input } }));
  const api = buildPreloadApi(ipc) as unknown as Record<
    string,
    Record<string, (i?: unknown) => Promise<unknown>>
  >;
  for (const channel of channels) {
    const [domain, verb] = channel.slice('app:'.length).split('.') as [string, string];
    const input = { probe: channel };
    assert.deepEqual(await api[domain]![verb]!(input), { ok: true, value: { channel, input } });
  }
  assert.deepEqual(
    invoked.map((call) => call.channel),
    [...channels],
  );
  assert.ok(
    invoked.every((call) => call.args.length === 1),
    'only the input crosses, nothing else',
  );
});

test('a main process that does not answer becomes a disconnected error, not a rejection', async () => {
  const { ipc } = fakeIpc(async () => {
    throw new Error("No handler registered for 'app:chats.list'");
  });
  const api = buildPreloadApi(ipc);
  const result = await api.chats.list();
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'disconnected');
});

test('onEvent hands listeners the payload only, never the IPC event, and unsubscribes once', () => {
  const { ipc, emit, listeners } = fakeIpc(async () => null);
  const api = buildPreloadApi(ipc);
  const received: unknown[][] = [];
  const stop = api.onEvent((...args: unknown[]) => received.push(args));
  const event = { type: 'model.loading', path: '/m.gguf', fraction: 0.5 } satisfies RoseEvent;
  emit(EVENT_CHANNEL, event);
  emit('app:chats.list', { type: 'not an event channel' });
  assert.deepEqual(received, [[event]]);
  stop();
  stop();
  emit(EVENT_CHANNEL, event);
  assert.equal(received.length, 1);
  assert.equal(listeners.get(EVENT_CHANNEL)?.size, 0);
  assert.throws(() => api.onEvent('nope' as unknown as () => void), TypeError);
});

test('the event channel cannot be mistaken for a contract channel', () => {
  assert.equal((channels as string[]).includes(EVENT_CHANNEL), false);
  assert.ok(channels.every((c: Channel) => /^app:[a-z]+\.[a-zA-Z]+$/.test(c)));
});
