import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { type Db, openDatabase } from '../../main/db/database.js';
import * as conversationsRepo from '../../main/db/conversationsRepo.js';
import * as messagesRepo from '../../main/db/messagesRepo.js';
import * as presetsRepo from '../../main/db/presetsRepo.js';
import type { ConversationId, MessageId, PresetVersionId } from '../../shared/domain.js';
import { tempDir } from '../support/tempData.js';

function freshDb(t: TestContext): Db {
  const db = openDatabase(join(tempDir(t), 'rose.sqlite'));
  t.after(() => db.close());
  return db;
}

function seedVersion(db: Db): PresetVersionId {
  const presetId = presetsRepo.insertPreset(db, {
    builtinKey: null,
    name: 'P',
    description: '',
    createdAt: 1,
  });
  return presetsRepo.insertVersion(db, {
    presetId,
    safePrompt: 's',
    reversePrompt: 'r',
    alpha: 0.5,
    beta: 0,
    method: 'manual',
    createdAt: 1,
  }).id;
}

function conversation(db: Db, title = 'Chat'): ConversationId {
  return conversationsRepo.insertConversation(db, {
    title,
    createdAt: 100,
    presetVersionId: null,
    model: '/m/tiny.gguf',
    alpha: null,
    beta: null,
    roseEnabled: true,
  }).id;
}

function say(
  db: Db,
  conversationId: ConversationId,
  parentId: MessageId | null,
  text: string,
  role: 'user' | 'assistant' = 'user',
) {
  return messagesRepo.insertMessage(db, {
    conversationId,
    parentId,
    role,
    text,
    status: 'complete',
    createdAt: 100,
  });
}

test('presets: versions are numbered per preset and the latest one is attached', (t) => {
  const db = freshDb(t);
  const a = presetsRepo.insertPreset(db, { builtinKey: null, name: 'A', description: 'd', createdAt: 1 });
  const b = presetsRepo.insertPreset(db, { builtinKey: 'b-key', name: 'B', description: '', createdAt: 1 });
  const base = {
    safePrompt: 's',
    reversePrompt: 'r',
    alpha: 0.5,
    beta: 0,
    method: 'manual' as const,
    createdAt: 2,
  };
  const a1 = presetsRepo.insertVersion(db, { ...base, presetId: a });
  presetsRepo.insertVersion(db, { ...base, presetId: b });
  const a2 = presetsRepo.insertVersion(db, { ...base, presetId: a, alpha: 0.7 });
  assert.deepEqual([a1.number, a2.number], [1, 2]);
  assert.equal(presetsRepo.getPreset(db, a)!.latest.alpha, 0.7);
  assert.equal(presetsRepo.getPresetByBuiltinKey(db, 'b-key')!.id, b);
  assert.deepEqual(
    presetsRepo.listVersions(db, a).map((v) => v.id),
    [a1.id, a2.id],
  );
  // Built-ins list first.
  assert.deepEqual(
    presetsRepo.listPresets(db).map((p) => p.name),
    ['B', 'A'],
  );
  presetsRepo.softDeletePreset(db, a, 5);
  assert.deepEqual(
    presetsRepo.listPresets(db).map((p) => p.name),
    ['B'],
  );
  assert.equal(presetsRepo.listPresets(db, { includeDeleted: true }).length, 2);
  assert.equal(
    presetsRepo.getVersion(db, a1.id)!.safePrompt,
    's',
    'versions of a deleted preset stay readable',
  );
});

test('conversations: insert, patch and list pinned first then most recent', (t) => {
  const db = freshDb(t);
  const first = conversation(db, 'First');
  const second = conversation(db, 'Second');
  const third = conversation(db, 'Third');
  conversationsRepo.updateConversation(db, first, { updatedAt: 300 });
  conversationsRepo.updateConversation(db, second, { updatedAt: 200, pinned: true, title: 'Pinned one' });
  conversationsRepo.updateConversation(db, third, { updatedAt: 250, alpha: 0.9, roseEnabled: false });
  assert.deepEqual(
    conversationsRepo.listConversations(db, { limit: 10, offset: 0 }).map((c) => c.title),
    ['Pinned one', 'First', 'Third'],
  );
  assert.deepEqual(
    conversationsRepo.listConversations(db, { limit: 1, offset: 1 }).map((c) => c.id),
    [first],
  );
  const updated = conversationsRepo.getConversation(db, third)!;
  assert.equal(updated.alpha, 0.9);
  assert.equal(updated.roseEnabled, false);
  assert.equal(conversationsRepo.countConversations(db), 3);
});

test('messages: branch path, siblings and the newest leaf follow the parent links', (t) => {
  const db = freshDb(t);
  const c = conversation(db);
  const u1 = say(db, c, null, 'hello');
  const a1 = say(db, c, u1.id, 'hi', 'assistant');
  const u2 = say(db, c, a1.id, 'tell me more');
  const a2 = say(db, c, u2.id, 'first try', 'assistant');
  const a2b = say(db, c, u2.id, 'second try', 'assistant');
  const u2edit = say(db, c, a1.id, 'tell me less');

  assert.deepEqual(
    messagesRepo.branchPath(db, a2.id).map((m) => m.text),
    ['hello', 'hi', 'tell me more', 'first try'],
  );
  assert.deepEqual(
    messagesRepo.listSiblings(db, c, u2.id).map((m) => m.id),
    [a2.id, a2b.id],
  );
  assert.deepEqual(
    messagesRepo.listSiblings(db, c, a1.id).map((m) => m.id),
    [u2.id, u2edit.id],
  );
  assert.equal(messagesRepo.newestLeaf(db, u2.id), a2b.id);
  assert.equal(messagesRepo.newestLeaf(db, u1.id), u2edit.id);
  assert.equal(messagesRepo.newestLeaf(db, a2.id), a2.id);
  assert.equal(messagesRepo.listMessages(db, c).length, 6);
});

test('messages: provenance is stored with the reply and completed when it finishes', (t) => {
  const db = freshDb(t);
  const c = conversation(db);
  const versionId = seedVersion(db);
  const user = say(db, c, null, 'question');
  const sampling = { temperature: 0, topK: 0, topP: 1, seed: 3, maxTokens: 64 };
  const reply = messagesRepo.insertMessage(db, {
    conversationId: c,
    parentId: user.id,
    role: 'assistant',
    text: '',
    status: 'streaming',
    createdAt: 200,
    provenance: {
      modelFile: 'tiny.gguf',
      modelSha256: 'f'.repeat(64),
      presetVersionId: versionId,
      alpha: 0.5,
      beta: 0.1,
      roseEnabled: true,
      sampling,
    },
  });
  assert.equal(reply.provenance!.logitsSource, null);
  messagesRepo.saveStreamingText(db, reply.id, 'partial', 210);
  assert.equal(messagesRepo.getMessage(db, reply.id)!.text, 'partial');
  const done = messagesRepo.finishMessage(db, reply.id, {
    text: 'partial and the rest',
    status: 'complete',
    errorMessage: null,
    at: 220,
    engine: {
      logitsSource: 'ffi',
      steered: 3,
      generated: 12,
      timings: { prefillMs: 1, decodeMs: 2 },
      stopReason: 'eog',
      context: { size: 2048, promptTokens: 40, droppedTurns: 1, shortenedLastTurn: false },
    },
  });
  assert.equal(done.status, 'complete');
  assert.deepEqual(done.provenance, {
    modelFile: 'tiny.gguf',
    modelSha256: 'f'.repeat(64),
    presetVersionId: versionId,
    alpha: 0.5,
    beta: 0.1,
    roseEnabled: true,
    logitsSource: 'ffi',
    steered: 3,
    generated: 12,
    timings: { prefillMs: 1, decodeMs: 2 },
    sampling,
    stopReason: 'eog',
    context: { size: 2048, promptTokens: 40, droppedTurns: 1, shortenedLastTurn: false },
  });
  assert.equal(user.provenance, null);
});

test('messages: leftover streaming replies become interrupted with their text kept', (t) => {
  const db = freshDb(t);
  const c = conversation(db);
  const m = messagesRepo.insertMessage(db, {
    conversationId: c,
    parentId: null,
    role: 'assistant',
    text: 'half a sen',
    status: 'streaming',
    createdAt: 1,
  });
  const done = say(db, c, null, 'complete one');
  assert.equal(messagesRepo.markStreamingInterrupted(db, 50), 1);
  assert.equal(messagesRepo.getMessage(db, m.id)!.status, 'interrupted');
  assert.equal(messagesRepo.getMessage(db, m.id)!.text, 'half a sen');
  assert.equal(messagesRepo.getMessage(db, done.id)!.status, 'complete');
  assert.equal(messagesRepo.markStreamingInterrupted(db, 60), 0);
});

test('deleting a conversation deletes its messages; a preset version in use cannot vanish', (t) => {
  const db = freshDb(t);
  const versionId = seedVersion(db);
  const c = conversation(db);
  conversationsRepo.updateConversation(db, c, { presetVersionId: versionId });
  const u = say(db, c, null, 'hello');
  conversationsRepo.updateConversation(db, c, { activeLeafId: say(db, c, u.id, 'hi', 'assistant').id });
  const other = conversation(db);
  say(db, other, null, 'stays');
  assert.equal(conversationsRepo.deleteConversation(db, c), true);
  assert.equal(messagesRepo.listMessages(db, c).length, 0);
  assert.equal(messagesRepo.listMessages(db, other).length, 1);
  assert.equal(conversationsRepo.deleteConversation(db, c), false);
  const c2 = conversation(db);
  conversationsRepo.updateConversation(db, c2, { presetVersionId: versionId });
  assert.throws(() => db.prepare('DELETE FROM preset_versions WHERE id = ?').run(versionId), /FOREIGN KEY/);
});
