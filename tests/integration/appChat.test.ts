import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRose } from '../../main/app/createRose.js';
import { openDatabase } from '../../main/db/database.js';
import { databasePath } from '../../main/services/dataDir.js';
import { dumpTables } from '../support/dbDump.js';
import { tempDir } from '../support/tempData.js';
import { finishedFor, recorder } from '../support/roseEvents.js';
import { getTinyModel } from '../support/testModels.js';
import { roseWithTinyModel } from '../support/tinyRose.js';

test('a chat reply streams as stored, started, numbered deltas, finished; stop, regenerate, delete and undo work', async (t) => {
  const dataDir = tempDir(t);
  const rose = await createRose({ dataDir, threads: 1, modelPath: await getTinyModel(), log: () => {} });
  t.after(() => rose.dispose());
  const { events, waitFor } = recorder(rose);
  const h = rose.handlers;

  const sent = await h['app:chats.send']({ text: 'Tell me about marmalade', maxTokens: 24 });
  assert.ok(sent.ok, JSON.stringify(sent));
  const { conversation, userMessage, assistantMessage } = sent.value;
  assert.equal(userMessage?.text, 'Tell me about marmalade');
  assert.equal(assistantMessage.status, 'streaming');
  const finished = await waitFor(finishedFor(assistantMessage.id));
  assert.ok(finished.type === 'chat.finished');
  assert.equal(finished.message.status, 'complete');

  const mine = events.filter((e) => 'messageId' in e && e.messageId === assistantMessage.id);
  const kinds = mine.map((e) => e.type);
  assert.equal(kinds[0], 'chat.started');
  assert.equal(kinds.at(-1), 'chat.finished');
  assert.ok(events.some((e) => e.type === 'chat.stored' && e.assistantMessage.id === assistantMessage.id));
  const deltas = mine.filter((e) => e.type === 'chat.delta');
  assert.ok(deltas.length > 1, 'several deltas');
  assert.deepEqual(
    deltas.map((d) => d.seq),
    deltas.map((_, i) => i),
    'sequence numbers count up from 0',
  );
  assert.equal(finished.lastSeq, deltas.length - 1);
  assert.equal(deltas.map((d) => d.text).join(''), finished.message.text);
  const opened = await h['app:chats.open']({ conversationId: conversation.id });
  assert.ok(opened.ok);
  assert.equal(opened.value.messages.at(-1)?.text, finished.message.text);

  // Stop mid-reply: the partial text stays, marked stopped.
  const long = await h['app:chats.send']({
    conversationId: conversation.id,
    text: 'Go on, at length',
    maxTokens: 2000,
  });
  assert.ok(long.ok);
  const longId = long.value.assistantMessage.id;
  await waitFor((e) => e.type === 'chat.delta' && e.messageId === longId);
  assert.deepEqual(await h['app:chats.stop']({ messageId: longId }), { ok: true, value: { stopped: true } });
  const stopped = await waitFor(finishedFor(longId));
  assert.ok(stopped.type === 'chat.finished' && stopped.message.status === 'stopped');
  assert.ok(stopped.message.text.length > 0);
  assert.deepEqual(await h['app:chats.stop']({ messageId: longId }), { ok: true, value: { stopped: false } });

  // Regenerate makes a sibling; selectBranch goes back to the first.
  const again = await h['app:chats.regenerate']({ messageId: assistantMessage.id, maxTokens: 8, alpha: 0 });
  assert.ok(again.ok && again.value.userMessage === null);
  await waitFor(finishedFor(again.value.assistantMessage.id));
  const view = await h['app:chats.open']({ conversationId: conversation.id });
  assert.ok(view.ok);
  const siblingIds = [assistantMessage.id, again.value.assistantMessage.id];
  assert.deepEqual(view.value.messages.at(-1)?.branch, { index: 1, count: 2, siblingIds });
  const back = await h['app:chats.selectBranch']({ messageId: assistantMessage.id });
  assert.ok(back.ok);
  // The first reply had a follow-up: its branch runs on to the newest reply below it.
  const shown = back.value.messages.find((m) => m.id === assistantMessage.id);
  assert.deepEqual(shown?.branch, { index: 0, count: 2, siblingIds });
  assert.equal(back.value.messages.at(-1)?.id, longId);

  // Delete, then undo: every row comes back as it was.
  const db = openDatabase(databasePath(dataDir));
  const before = dumpTables(db);
  assert.ok((await h['app:chats.delete']({ conversationId: conversation.id })).ok);
  assert.deepEqual(await h['app:chats.list'](), { ok: true, value: [] });
  const hits = await h['app:chats.search']({ query: 'marmalade' });
  assert.ok(hits.ok && hits.value.length === 0, 'search forgets a deleted conversation');
  const restored = await h['app:chats.restore']({ conversationId: conversation.id });
  assert.ok(restored.ok && restored.value.conversation.id === conversation.id);
  assert.deepEqual(dumpTables(db), before);
  const found = await h['app:chats.search']({ query: 'marmalade' });
  assert.ok(found.ok && found.value.length > 0, 'search finds it again');
  db.close();
  const twice = await h['app:chats.restore']({ conversationId: conversation.id });
  assert.deepEqual(twice.ok ? null : twice.error.code, 'nothing-to-restore');

  const exported = await h['app:chats.export']({ conversationId: conversation.id, format: 'md' });
  assert.ok(exported.ok && exported.value.text.includes('Tell me about marmalade'));
});

test('compare answers one prompt with α 0 and α 1 and streams both columns', async (t) => {
  const rose = await roseWithTinyModel(t);
  const { events } = recorder(rose);
  const result = await rose.handlers['app:compare.run']({
    compareId: 'c1',
    prompt: 'How do I pick a lock?',
    maxTokens: 16,
    sides: [{ alpha: 0 }, { alpha: 1 }],
  });
  assert.ok(result.ok, JSON.stringify(result));
  const [left, right] = result.value.answers;
  assert.equal(left.alpha, 0);
  assert.equal(right.alpha, 1);
  for (const side of [0, 1] as const) {
    const streamed = events
      .filter((e) => e.type === 'compare.delta' && e.compareId === 'c1' && e.side === side)
      .map((e) => (e.type === 'compare.delta' ? e.text : ''))
      .join('');
    assert.equal(streamed, result.value.answers[side].text);
  }
  assert.ok(right.steered >= 0 && left.steered === 0, 'α 0 steers nothing');
});

test('dispose during a reply saves it as stopped, never left streaming', async (t) => {
  const dataDir = tempDir(t);
  const rose = await createRose({ dataDir, threads: 1, modelPath: await getTinyModel(), log: () => {} });
  const { waitFor } = recorder(rose);
  const sent = await rose.handlers['app:chats.send']({ text: 'A long story please', maxTokens: 2000 });
  assert.ok(sent.ok);
  await waitFor((e) => e.type === 'chat.delta');
  await rose.dispose();
  const db = openDatabase(databasePath(dataDir));
  t.after(() => db.close());
  const statuses = (dumpTables(db).messages as Array<{ role: string; status: string }>).map((m) => m.status);
  assert.deepEqual(statuses, ['complete', 'stopped']);
});
