import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_ALPHA } from '../../shared/generationLimits.js';
import {
  type Channel,
  channelOf,
  channels,
  contract,
  createRoseApi,
  parseRoseEvent,
  type RoseEvent,
  validateRequest,
} from '../../shared/contract/index.js';
import { createEventCoalescer } from '../../main/app/coalesceEvents.js';

test('every channel is named app:<domain>.<verb> and has an input schema', () => {
  const required = [
    ...[
      'list',
      'send',
      'stop',
      'regenerate',
      'editAndResend',
      'selectBranch',
      'open',
      'search',
      'rename',
    ].map((verb) => `app:chats.${verb}`),
    ...['pin', 'delete', 'restore', 'export'].map((verb) => `app:chats.${verb}`),
    ...['list', 'get', 'create', 'update', 'duplicate', 'delete', 'import', 'export', 'deriveReverse'].map(
      (verb) => `app:presets.${verb}`,
    ),
    ...['list', 'catalog', 'import', 'remove', 'load', 'current'].map((verb) => `app:models.${verb}`),
    'app:hardware.get',
    'app:settings.get',
    'app:settings.set',
    'app:app.info',
    'app:compare.run',
    'app:compare.stop',
  ];
  for (const name of required) assert.ok((channels as string[]).includes(name), `${name} is missing`);
  for (const channel of channels) {
    assert.match(channel, /^app:[a-z]+\.[a-zA-Z]+$/);
    assert.equal(typeof contract[channel].input.safeParse, 'function', channel);
  }
});

test('validateRequest names the bad field, refuses unknown fields and unknown channels', () => {
  const bad = validateRequest('app:chats.rename', { conversationId: 1, title: 42 });
  assert.equal(bad.ok, false);
  if (!bad.ok) {
    assert.equal(bad.error.code, 'invalid-request');
    assert.equal(bad.error.field, 'title');
    assert.match(bad.error.message, /app:chats\.rename: title/);
  }
  const extra = validateRequest('app:models.list', { sneaky: true });
  assert.ok(!extra.ok && extra.error.field === 'sneaky' && /not a known field/.test(extra.error.message));
  const nested = validateRequest('app:compare.run', { prompt: 'hi', sides: [{ alpha: 0 }, { alpha: -1 }] });
  assert.ok(!nested.ok && nested.error.field === 'sides.1.alpha', JSON.stringify(nested));
  const unknown = validateRequest('app:chats.explode', {});
  assert.ok(!unknown.ok && unknown.error.code === 'unknown-channel');
  const good = validateRequest('app:chats.send', { text: 'hello', alpha: 0.5 });
  assert.ok(good.ok && good.value.text === 'hello' && good.value.alpha === 0.5);
  const none = validateRequest('app:settings.get', undefined);
  assert.ok(none.ok, 'channels without input accept nothing at all');
});

test('createRoseApi offers one method per channel, routed to its channel, and nothing else', async () => {
  const calls: Array<[Channel, unknown]> = [];
  const api = createRoseApi(
    async (channel, input) => {
      calls.push([channel, input]);
      return { ok: true, value: channel };
    },
    () => () => {},
  );
  for (const channel of channels) {
    const [domain, verb] = channel.slice(4).split('.') as [string, string];
    const group = (api as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>)[
      domain
    ]!;
    assert.deepEqual(await group[verb]!({ probe: channel }), { ok: true, value: channel });
    assert.equal(channelOf(domain, verb), channel);
  }
  assert.equal(calls.length, channels.length);
  assert.deepEqual(calls.at(-1), [channels.at(-1), { probe: channels.at(-1) }]);
  await api.models.list();
  assert.deepEqual(calls.at(-1), ['app:models.list', {}], 'a call without input sends {}');
  assert.equal(channelOf('chats', 'explode'), null);
  assert.ok(Object.isFrozen(api) && Object.isFrozen(api.chats));
  assert.equal('invoke' in api, false);
});

test('parseRoseEvent accepts app events and refuses anything else', () => {
  const delta = {
    type: 'chat.delta',
    conversationId: 1,
    messageId: 2,
    generationId: 'g',
    fromSeq: 0,
    seq: 3,
    text: 'abc',
  };
  assert.deepEqual(parseRoseEvent(delta), delta);
  assert.equal(parseRoseEvent({ ...delta, seq: -1 }), null);
  assert.equal(parseRoseEvent({ type: 'chat.explode' }), null);
  assert.equal(parseRoseEvent('chat.delta'), null);
});

const delta = (seq: number, text: string, messageId = 2): RoseEvent =>
  ({
    type: 'chat.delta',
    conversationId: 1,
    messageId,
    generationId: `g${messageId}`,
    fromSeq: seq,
    seq,
    text,
  }) as RoseEvent;

test('the coalescer merges consecutive deltas of one reply and keeps their sequence range', async () => {
  const sent: RoseEvent[] = [];
  const coalescer = createEventCoalescer((event) => sent.push(event), 10_000);
  for (const [seq, text] of [
    [0, 'a'],
    [1, 'b'],
    [2, 'c'],
  ] as const)
    coalescer.push(delta(seq, text));
  assert.equal(sent.length, 0, 'deltas are held');
  coalescer.push(delta(0, 'x', 9)); // another reply: the held text goes first
  coalescer.push({ type: 'model.loading', path: 'm', fraction: 0.5 });
  assert.deepEqual(
    sent.map((e) => (e.type === 'chat.delta' ? [e.messageId, e.fromSeq, e.seq, e.text] : e.type)),
    [[2, 0, 2, 'abc'], [9, 0, 0, 'x'], 'model.loading'],
  );
  coalescer.push(delta(5, 'p'));
  coalescer.push(delta(7, 'q')); // a gap is never papered over
  coalescer.flush();
  assert.deepEqual(
    sent.slice(3).map((e) => (e.type === 'chat.delta' ? [e.fromSeq, e.seq, e.text] : e.type)),
    [
      [5, 5, 'p'],
      [7, 7, 'q'],
    ],
  );
});

test('the coalescer sends held deltas after its interval without further events', async () => {
  const sent: RoseEvent[] = [];
  let resolveSent: () => void;
  const arrived = new Promise<void>((resolve) => {
    resolveSent = resolve;
  });
  const coalescer = createEventCoalescer((event) => {
    sent.push(event);
    resolveSent();
  }, 5);
  coalescer.push(delta(0, 'a'));
  coalescer.push(delta(1, 'b'));
  await arrived;
  assert.deepEqual(sent, [{ ...delta(0, 'ab'), seq: 1 }]);
});

test('a new preset left without α gets the Standard α, never 1', () => {
  const parsed = validateRequest('app:presets.create', {
    name: 'Mine',
    safePrompt: 'Be kind.',
    reversePrompt: 'Be unkind.',
    beta: 0,
    method: 'manual',
  });
  assert.ok(parsed.ok);
  assert.equal((parsed.value as { alpha: number }).alpha, DEFAULT_ALPHA);
});
