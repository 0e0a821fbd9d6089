import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { type Db, openDatabase } from '../../main/db/database.js';
import * as conversationsRepo from '../../main/db/conversationsRepo.js';
import * as messagesRepo from '../../main/db/messagesRepo.js';
import { toFtsQuery } from '../../main/db/searchRepo.js';
import { deleteConversation, renameConversation, searchChats } from '../../main/services/chatsService.js';
import type { ConversationId, SearchHit } from '../../shared/domain.js';
import { tempDir } from '../support/tempData.js';

function freshDb(t: TestContext): Db {
  const db = openDatabase(join(tempDir(t), 'rose.sqlite'));
  t.after(() => db.close());
  return db;
}

function chat(db: Db, title: string, texts: string[]): { id: ConversationId; messageIds: number[] } {
  const c = conversationsRepo.insertConversation(db, {
    title,
    createdAt: 1,
    presetVersionId: null,
    model: null,
    alpha: null,
    beta: null,
    roseEnabled: true,
  });
  let parentId = null;
  const messageIds: number[] = [];
  for (const [i, text] of texts.entries()) {
    const m = messagesRepo.insertMessage(db, {
      conversationId: c.id,
      parentId,
      role: i % 2 === 0 ? 'user' : 'assistant',
      text,
      status: 'complete',
      createdAt: 1,
    });
    parentId = m.id;
    messageIds.push(m.id);
  }
  return { id: c.id, messageIds };
}

const marked = (hit: SearchHit) => hit.snippet.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');

test('typed text becomes a safe FTS5 query: all words, last one as a prefix, OR between words, other operators quoted', () => {
  assert.equal(toFtsQuery('tea cake'), '"tea" "cake"*');
  assert.equal(toFtsQuery('NOT "x" OR yes*'), '"NOT" "x" OR "yes"*');
  // Half-typed: the OR has nothing after it yet, so the words before it are searched.
  assert.equal(toFtsQuery('dog OR'), '"dog"*');
  assert.equal(toFtsQuery('OR dog or cat'), '"dog" "or" "cat"*');
  assert.equal(toFtsQuery('  ?! '), null);
  // A one-letter prefix would match most of the index; it is searched as a whole word.
  assert.equal(toFtsQuery('vitamin c'), '"vitamin" "c"');
});

test('search finds messages and titles, best match first, with the matches highlighted', (t) => {
  const db = freshDb(t);
  const tea = chat(db, 'Tea ceremonies', [
    'How do I brew green tea?',
    'Use water at 80 degrees, and steep the tea for two minutes. Tea leaves can be reused.',
  ]);
  chat(db, 'Coffee', [
    'Is coffee stronger? Some people say so, others prefer a cup of tea in the afternoon with jam.',
    'Usually, yes.',
  ]);
  chat(db, 'Unrelated', ['What is the capital of France?', 'Paris.']);
  // Enough other text for "tea" to be a rare, meaningful word (bm25 ignores words in most rows).
  for (let i = 0; i < 10; i++)
    chat(db, `Other ${i}`, [`Question number ${i} about rivers`, 'An answer about mountains']);

  const hits = searchChats(db, 'tea');
  assert.ok(hits.length >= 4);
  assert.ok(hits.every((h) => h.snippet.some((p) => p.match && p.text.toLowerCase() === 'tea')));
  assert.ok(!hits.some((h) => h.conversationTitle === 'Unrelated'));
  // Ranked: bm25 scores come back in order (lower is better).
  for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.rank <= hits[i]!.rank);
  // The reply that says "tea" three times ranks above the long question that says it once.
  const reply = hits.findIndex((h) => h.messageId === tea.messageIds[1]);
  const coffeeQuestion = hits.findIndex((h) => h.conversationTitle === 'Coffee');
  assert.ok(reply < coffeeQuestion);
  const title = hits.find((h) => h.kind === 'title');
  assert.equal(title?.conversationId, tea.id);
  assert.equal(marked(title!), '[Tea] ceremonies');
  assert.equal(marked(hits.find((h) => h.messageId === tea.messageIds[0])!), 'How do I brew green [tea]?');
});

test('search needs every word and treats the last as a prefix; OR accepts either', (t) => {
  const db = freshDb(t);
  chat(db, 'A', ['green tea is nice']);
  chat(db, 'B', ['black tea is nice']);
  chat(db, 'C', ['a dog barked']);
  assert.equal(searchChats(db, 'dog OR').length, 1, 'a trailing OR does not hide the match');
  assert.equal(searchChats(db, 'dog OR green').length, 2);
  assert.equal(searchChats(db, 'green tea').length, 1);
  assert.equal(searchChats(db, 'gre').length, 1);
  assert.equal(searchChats(db, 'tea nic').length, 2);
  assert.deepEqual(searchChats(db, '"'), []);
});

test('search stays in sync after edits, renames and deletes', (t) => {
  const db = freshDb(t);
  const c = chat(db, 'Plans', ['Let us talk about tulips', 'Tulips like sun']);
  const [first] = c.messageIds;
  assert.equal(searchChats(db, 'tulips').length, 2);

  messagesRepo.saveStreamingText(db, first as never, 'Let us talk about roses', 5);
  assert.equal(searchChats(db, 'tulips').length, 1);
  assert.equal(searchChats(db, 'roses').length, 1);

  renameConversation(db, c.id, 'Garden roses');
  assert.equal(searchChats(db, 'plans').length, 0);
  assert.deepEqual(
    searchChats(db, 'roses')
      .map((h) => h.kind)
      .sort(),
    ['message', 'title'],
  );

  deleteConversation(db, c.id);
  assert.deepEqual(searchChats(db, 'roses'), []);
  assert.deepEqual(searchChats(db, 'sun'), []);
  // The index holds exactly what the tables hold.
  db.prepare("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')").run();
  db.prepare("INSERT INTO conversations_fts (conversations_fts) VALUES ('integrity-check')").run();
});

test('a word found in very many messages still gives matches quickly: the newest ones, ranked', (t) => {
  const db = freshDb(t);
  const texts = Array.from({ length: 5200 }, (_, i) => `note ${i} about the weather`);
  const { messageIds } = db.transaction(() => chat(db, 'Notes', texts))();
  const hits = searchChats(db, 'weather', 20);
  assert.equal(hits.length, 20);
  const newest = new Set(messageIds.slice(-20));
  assert.ok(hits.every((h) => h.messageId !== null && newest.has(h.messageId)));
  assert.ok(hits.every((h) => h.snippet.some((p) => p.match && p.text === 'weather')));
});
