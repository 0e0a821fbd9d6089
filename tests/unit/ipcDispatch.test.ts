import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Channel, channels } from '../../shared/contract/index.js';
import { checkedHandlers } from '../../main/app/dispatch.js';
import type { ChannelImpls } from '../../main/app/handlerTypes.js';
import { APP_ENTRY_URL } from '../../main/electron/appUrl.js';
import { dispatchIpcCall, FORBIDDEN_SENDER } from '../../main/electron/ipcDispatch.js';

const appFrame = { url: APP_ENTRY_URL, parent: null };

/** The app's real checked handlers over implementations that only record what reached them. */
function recordingHandlers(answer: (channel: Channel, input: unknown) => unknown = () => []) {
  const calls: { channel: Channel; input: unknown }[] = [];
  const logged: string[] = [];
  const impls = Object.fromEntries(
    channels.map((channel) => [
      channel,
      (input: unknown) => {
        calls.push({ channel, input });
        return answer(channel, input);
      },
    ]),
  ) as unknown as ChannelImpls;
  return { calls, logged, handlers: checkedHandlers(impls, (m) => logged.push(m)) };
}

const call = (
  handlers: ReturnType<typeof recordingHandlers>['handlers'],
  channel: string,
  input: unknown,
  frame = appFrame as { url: string; parent: unknown } | null,
  log?: (m: string) => void,
) => dispatchIpcCall({ channel, input, frame, appUrl: APP_ENTRY_URL, handlers, log });

test('a valid call from the app window reaches the service with the parsed input', async () => {
  const { calls, handlers } = recordingHandlers(() => ['a conversation']);
  assert.deepEqual(await call(handlers, 'app:chats.list', { limit: 5 }), {
    ok: true,
    value: ['a conversation'],
  });
  assert.deepEqual(calls, [{ channel: 'app:chats.list', input: { limit: 5 } }]);
});

test('a sender that is not the app page is refused before any service runs', async () => {
  const { calls, handlers } = recordingHandlers();
  const logged: string[] = [];
  for (const frame of [
    { url: 'https://example.org/', parent: null },
    { url: APP_ENTRY_URL, parent: appFrame },
    null,
  ]) {
    const result = await call(handlers, 'app:chats.list', {}, frame, (m) => logged.push(m));
    assert.equal(!result.ok && result.error.code, FORBIDDEN_SENDER);
  }
  assert.equal(calls.length, 0);
  assert.equal(logged.length, 3);
});

test('unknown channels and malformed input are answered with errors and nothing is called', async () => {
  const { calls, handlers } = recordingHandlers();
  for (const name of ['app:fs.readFile', '__proto__', 'toString', 'rose:event']) {
    const result = await call(handlers, name, {});
    assert.equal(!result.ok && result.error.code, 'unknown-channel', name);
  }
  for (const input of [{ limit: 'ten' }, { limit: 5, extra: true }, 'text', 42]) {
    const bad = await call(handlers, 'app:chats.list', input);
    assert.equal(!bad.ok && bad.error.code, 'invalid-request', JSON.stringify(input));
  }
  assert.equal(calls.length, 0);
});

test('a service that throws becomes an internal error envelope with the details only in the log', async () => {
  const { handlers, logged } = recordingHandlers(() => {
    throw new Error('database is locked at /secret/path');
  });
  const result = await call(handlers, 'app:chats.list', {});
  assert.equal(!result.ok && result.error.code, 'internal');
  assert.ok(!result.ok && !result.error.message.includes('/secret/path'));
  assert.ok(logged.some((line) => line.includes('database is locked')));
});
