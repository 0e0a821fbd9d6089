import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Db } from '../../main/db/database.js';
import * as messagesRepo from '../../main/db/messagesRepo.js';
import { type ChatEvent, createChatService } from '../../main/services/chatService.js';
import { openConversation, selectBranch } from '../../main/services/chatsService.js';
import { exportConversation } from '../../main/services/conversationExport.js';
import { getPreset } from '../../main/services/presetsService.js';
import { openStore } from '../../main/services/store.js';
import { isUserError } from '../../shared/errors.js';
import { dumpTables } from '../support/dbDump.js';
import { type Script, scriptedEngine } from '../support/scriptedEngine.js';
import { tempDir } from '../support/tempData.js';

function setup(
  t: TestContext,
  script: Script | ((r: import('../../main/engine/types.js').GenerateRequest) => Script),
) {
  const dir = tempDir(t);
  const db = openStore(dir);
  t.after(() => db.close());
  const engine = scriptedEngine(script);
  const chat = createChatService({ db, engine, saveIntervalMs: 20 });
  return { db, dir, engine, chat };
}

const reply = (text: string): Script => ({ pieces: text.split(/(?<= )/) });

test('sending in a new conversation stores both messages with full provenance', async (t) => {
  const { db, engine, chat } = setup(t, reply('Hello there, how can I help?'));
  const events: ChatEvent[] = [];
  const message = await chat.sendMessage(
    { text: 'Hi Rose!\nSecond line', modelPath: '/models/tiny.gguf' },
    (e) => events.push(e),
  );

  assert.equal(message.text, 'Hello there, how can I help?');
  assert.equal(message.status, 'complete');
  const preset = getPreset(db, 'manual-reverse');
  assert.deepEqual(message.provenance, {
    modelFile: 'tiny.gguf',
    modelSha256: 'ab'.repeat(32),
    presetVersionId: preset.latest.id,
    alpha: 0.5,
    beta: 0,
    roseEnabled: true,
    logitsSource: 'api',
    steered: 3,
    generated: 6,
    timings: { prefillMs: 5, decodeMs: 60, firstTokenMs: 7, tokensPerSecond: 100 },
    sampling: { temperature: 0, topK: 0, topP: 1, seed: 0, maxTokens: 512 },
    stopReason: 'eog',
    context: { size: 1024, promptTokens: 10, droppedTurns: 0, shortenedLastTurn: false },
  });
  assert.deepEqual(engine.requests[0]!.turns, [{ role: 'user', text: 'Hi Rose!\nSecond line' }]);
  assert.equal(engine.requests[0]!.rose.safePrompt, preset.latest.safePrompt);
  assert.equal(engine.requests[0]!.rose.reversePrompt, preset.latest.reversePrompt);

  assert.equal(events[0]!.type, 'stored');
  assert.deepEqual(
    events
      .filter((e) => e.type === 'delta')
      .map((e) => (e as { text: string }).text)
      .join(''),
    message.text,
  );
  assert.equal(events.filter((e) => e.type === 'done').length, 1);

  const view = openConversation(db, message.conversationId);
  assert.equal(view.conversation.title, 'Hi Rose!');
  assert.equal(view.conversation.model, '/models/tiny.gguf');
  assert.equal(view.conversation.activeLeafId, message.id);
  assert.deepEqual(
    view.messages.map((m) => [m.role, m.status]),
    [
      ['user', 'complete'],
      ['assistant', 'complete'],
    ],
  );
});

test('later messages carry the branch history; settings given once are remembered', async (t) => {
  let n = 0;
  const { db, engine, chat } = setup(t, () => reply(`answer ${++n}`));
  const first = await chat.sendMessage({ text: 'one', modelPath: '/m/a.gguf', alpha: 0.9 });
  const second = await chat.sendMessage({ conversationId: first.conversationId, text: 'two' });
  assert.deepEqual(engine.requests[1]!.turns, [
    { role: 'user', text: 'one' },
    { role: 'assistant', text: 'answer 1' },
    { role: 'user', text: 'two' },
  ]);
  assert.equal(engine.requests[1]!.rose.alpha, 0.9);
  assert.equal(second.provenance!.alpha, 0.9);
  const opposite = getPreset(db, 'opposite-replace').latest;
  const third = await chat.sendMessage({
    conversationId: first.conversationId,
    text: 'three',
    presetVersionId: opposite.id,
    roseEnabled: false,
  });
  assert.equal(third.provenance!.presetVersionId, opposite.id);
  assert.equal(engine.requests[2]!.rose.reversePrompt, opposite.reversePrompt);
  assert.equal(engine.requests[2]!.rose.enabled, false);
  assert.equal(openConversation(db, first.conversationId).messages.length, 6);
});

test('regenerate adds a sibling reply and shows it; the old one stays', async (t) => {
  let n = 0;
  const { db, engine, chat } = setup(t, () => reply(`take ${++n}`));
  const first = await chat.sendMessage({ text: 'question', modelPath: '/m/a.gguf' });
  const again = await chat.regenerate(first.id);
  assert.equal(again.parentId, first.parentId);
  assert.deepEqual(
    engine.requests[1]!.turns,
    [{ role: 'user', text: 'question' }],
    'the old reply is not part of the prompt',
  );
  const view = openConversation(db, first.conversationId);
  assert.deepEqual(
    view.messages.map((m) => m.text),
    ['question', 'take 2'],
  );
  assert.deepEqual(view.messages[1]!.branch, { index: 1, count: 2, siblingIds: [first.id, again.id] });
  assert.equal(messagesRepo.getMessage(db, first.id)!.text, 'take 1');

  // Switching back shows the first reply again; the next message continues from it.
  selectBranch(db, first.id);
  assert.deepEqual(
    openConversation(db, first.conversationId).messages.map((m) => m.text),
    ['question', 'take 1'],
  );
  await chat.sendMessage({ conversationId: first.conversationId, text: 'follow-up' });
  assert.deepEqual(
    engine.requests[2]!.turns.map((turn) => turn.text),
    ['question', 'take 1', 'follow-up'],
  );
  // Selecting a message in the middle shows the newest branch below it.
  selectBranch(db, first.parentId!);
  assert.equal(openConversation(db, first.conversationId).messages.at(-1)!.text, 'take 2');
});

test('edit and resend makes a new branch from the edited message', async (t) => {
  let n = 0;
  const { db, engine, chat } = setup(t, () => reply(`reply ${++n}`));
  const a1 = await chat.sendMessage({ text: 'first', modelPath: '/m/a.gguf' });
  const a2 = await chat.sendMessage({ conversationId: a1.conversationId, text: 'second' });
  const edited = await chat.editAndResend(a2.parentId!, 'second, edited');
  assert.deepEqual(
    engine.requests[2]!.turns.map((turn) => turn.text),
    ['first', 'reply 1', 'second, edited'],
  );
  const view = openConversation(db, a1.conversationId);
  assert.deepEqual(
    view.messages.map((m) => m.text),
    ['first', 'reply 1', 'second, edited', 'reply 3'],
  );
  assert.deepEqual(view.messages[2]!.branch, {
    index: 1,
    count: 2,
    siblingIds: [a2.parentId, edited.parentId],
  });
  assert.equal(view.messages.at(-1)!.id, edited.id);
  await assert.rejects(chat.editAndResend(a1.id, 'x'), /only your own messages/);
});

test('a streaming reply is saved while it grows, as streaming', async (t) => {
  const pieces = Array.from({ length: 20 }, (_, i) => `w${i} `);
  const { db, chat } = setup(t, { pieces, delayMs: 25 });
  const seen: Array<{ chars: number; text: string; status: string }> = [];
  const message = await chat.sendMessage({ text: 'talk', modelPath: '/m/a.gguf' }, (e) => {
    if (e.type === 'saved') {
      const stored = messagesRepo.getMessage(db, e.messageId)!;
      seen.push({ chars: e.chars, text: stored.text, status: stored.status });
    }
  });
  assert.ok(seen.length > 0, 'saved at least once before the end');
  for (const s of seen) {
    assert.equal(s.status, 'streaming');
    assert.equal(s.text.length, s.chars);
    assert.ok(message.text.startsWith(s.text));
  }
  assert.equal(message.text, pieces.join(''));
});

test('stopping keeps the partial text and marks the reply stopped', async (t) => {
  const { chat } = setup(t, { pieces: ['a ', 'b ', 'c ', 'd ', 'e ', 'f '], delayMs: 5 });
  const stop = new AbortController();
  let deltas = 0;
  const message = await chat.sendMessage({ text: 'go', modelPath: '/m/a.gguf', signal: stop.signal }, (e) => {
    if (e.type === 'delta' && ++deltas === 3) stop.abort();
  });
  assert.equal(message.status, 'stopped');
  assert.equal(message.text, 'a b c ');
  assert.equal(message.provenance!.stopReason, 'aborted');
});

test('an engine error or crash ends the reply as error, partial text kept', async (t) => {
  const { chat } = setup(t, { pieces: ['partial '], failWith: 'out of memory' });
  const failed = await chat.sendMessage({ text: 'go', modelPath: '/m/a.gguf' });
  assert.equal(failed.status, 'error');
  assert.equal(failed.errorMessage, 'out of memory');
  assert.equal(failed.text, 'partial ');

  const crashed = setup(t, { pieces: ['half '], crash: true });
  const message = await crashed.chat.sendMessage({ text: 'go', modelPath: '/m/a.gguf' });
  assert.equal(message.status, 'error');
  assert.match(message.errorMessage!, /engine worker died/);
  assert.equal(message.text, 'half ');
});

test('failed replies are left out of the next prompt', async (t) => {
  let n = 0;
  const { engine, chat } = setup(t, () =>
    ++n === 1 ? { pieces: ['oops'], failWith: 'boom' } : reply('fine'),
  );
  const failed = await chat.sendMessage({ text: 'one', modelPath: '/m/a.gguf' });
  await chat.sendMessage({ conversationId: failed.conversationId, text: 'two' });
  assert.deepEqual(engine.requests[1]!.turns, [
    { role: 'user', text: 'one' },
    { role: 'user', text: 'two' },
  ]);
});

test('a model that cannot be used, or no model at all, stores nothing', async (t) => {
  const { db, engine, chat } = setup(t, reply('x'));
  const before = dumpTables(db);
  engine.prepareModel = async () => {
    throw new Error('cannot load /m/missing.gguf');
  };
  await assert.rejects(chat.sendMessage({ text: 'hi', modelPath: '/m/missing.gguf' }), /cannot load/);
  await assert.rejects(chat.sendMessage({ text: 'hi' }), (e) => isUserError(e) && e.code === 'no-model');
  await assert.rejects(
    chat.sendMessage({ text: '   ', modelPath: '/m/a.gguf' }),
    (e) => isUserError(e) && e.code === 'message-empty',
  );
  assert.deepEqual(dumpTables(db), before);
});

test('one reply at a time per conversation', async (t) => {
  const { chat } = setup(t, { pieces: ['a', 'b', 'c'], delayMs: 10 });
  const first = await chat.sendMessage({ text: 'hi', modelPath: '/m/a.gguf' });
  const running = chat.sendMessage({ conversationId: first.conversationId, text: 'again' });
  await assert.rejects(
    chat.sendMessage({ conversationId: first.conversationId, text: 'too soon' }),
    (e) => isUserError(e) && e.code === 'conversation-busy',
  );
  assert.equal((await running).status, 'complete');
  assert.equal(
    (await chat.sendMessage({ conversationId: first.conversationId, text: 'now' })).status,
    'complete',
  );
});

test('opening the store turns replies left streaming by a crash into interrupted ones', (t) => {
  const dir = tempDir(t);
  const db: Db = openStore(dir);
  const chat = createChatService({ db, engine: scriptedEngine(reply('x')) });
  void chat;
  const conversation = db
    .prepare("INSERT INTO conversations (title, created_at, updated_at) VALUES ('c', 1, 1) RETURNING id")
    .pluck()
    .get() as number;
  const stuck = messagesRepo.insertMessage(db, {
    conversationId: conversation as never,
    parentId: null,
    role: 'assistant',
    text: 'half',
    status: 'streaming',
    createdAt: 1,
  });
  db.close();
  const reopened = openStore(dir);
  t.after(() => reopened.close());
  const after = messagesRepo.getMessage(reopened, stuck.id)!;
  assert.equal(after.status, 'interrupted');
  assert.equal(after.text, 'half');
});

test('a conversation exports as Markdown (shown branch) and JSON (all branches, provenance)', async (t) => {
  let n = 0;
  const { db, chat } = setup(t, () => reply(`answer ${++n}`));
  const first = await chat.sendMessage({ text: 'What is ROSE?', modelPath: '/m/tiny.gguf' });
  await chat.regenerate(first.id);
  const md = exportConversation(db, first.conversationId, 'md');
  assert.match(md, /^# What is ROSE\?\n/);
  assert.match(md, /## You\n\nWhat is ROSE\?/);
  assert.match(md, /## Rose\n\nanswer 2/);
  assert.doesNotMatch(md, /answer 1/);
  assert.match(
    md,
    /> model tiny\.gguf \(sha256 abababababab…\) · preset “Manual reverse” v1 · ROSE on, α 0\.5, β 0 · logits api · steered 1 of 2 tokens/,
  );

  const json = JSON.parse(exportConversation(db, first.conversationId, 'json'));
  assert.equal(json.format, 'rose.conversation');
  assert.equal(json.messages.length, 3);
  assert.deepEqual(
    json.messages.map((m: { text: string }) => m.text),
    ['What is ROSE?', 'answer 1', 'answer 2'],
  );
  assert.equal(json.activeBranch.length, 2);
  assert.equal(json.messages[1].provenance.modelSha256, 'ab'.repeat(32));
  assert.equal(json.presetVersions[0].presetName, 'Manual reverse');
  assert.equal(json.presetVersions[0].safePrompt, getPreset(db, 'manual-reverse').latest.safePrompt);
});
