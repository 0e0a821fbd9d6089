import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRose } from '../../main/app/createRose.js';
import { createCliChatEngine } from '../../main/cli/chatEngine.js';
import { EngineHost } from '../../main/engine/engineHost.js';
import { getMessage } from '../../main/db/messagesRepo.js';
import { createChatService } from '../../main/services/chatService.js';
import { REPLY_DISK_FULL_MESSAGE } from '../../main/services/storageErrors.js';
import { openStore } from '../../main/services/store.js';
import { finishedFor, recorder } from '../support/roseEvents.js';
import { fillDisk, smallDisk } from '../support/smallDisk.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

test('SQLite reports a full database while a reply streams: the process lives and the reply is marked', async (t) => {
  const dir = tempDir(t);
  const db = openStore(dir);
  const host = new EngineHost();
  t.after(async () => {
    await host.dispose();
    db.close();
  });
  const chat = createChatService({
    db,
    engine: createCliChatEngine(host, dir, 1),
    saveIntervalMs: 10,
  });
  const pageCount = () => db.pragma('page_count', { simple: true }) as number;
  const reply = await chat.sendMessage(
    { text: 'Tell me a long story', modelPath: await getTinyModel(), maxTokens: 1500 },
    (event) => {
      // Once both messages are stored the database may not grow: SQLite itself answers SQLITE_FULL.
      if (event.type === 'stored') db.pragma(`max_page_count = ${pageCount()}`);
    },
  );
  assert.equal(reply.status, 'error');
  assert.equal(reply.errorMessage, REPLY_DISK_FULL_MESSAGE);
  const stored = getMessage(db, reply.id);
  assert.equal(stored?.status, 'error', 'the stored reply left streaming');
  assert.equal(stored?.errorMessage, REPLY_DISK_FULL_MESSAGE);
  assert.equal(stored?.text, reply.text);
});

test('a real full disk: the streaming reply, settings and model import each say the disk is full', async (t) => {
  const disk = smallDisk(t, 8 * 1024 * 1024);
  if (disk === null) {
    t.skip('this machine does not allow mounting a small tmpfs (the test above injects SQLITE_FULL instead)');
    return;
  }
  const dataDir = join(disk, 'data');
  const rose = await createRose({
    dataDir,
    threads: 1,
    modelPath: await getTinyModel(),
    log: () => {},
    saveIntervalMs: 10,
  });
  t.after(() => rose.dispose());
  const { waitFor } = recorder(rose);
  const h = rose.handlers;

  const sent = await h['app:chats.send']({ text: 'Tell me a long story', maxTokens: 1500 });
  assert.ok(sent.ok, JSON.stringify(sent));
  const messageId = sent.value.assistantMessage.id;
  await waitFor((e) => e.type === 'chat.delta' && e.messageId === messageId);
  const filler = fillDisk(disk);
  const finished = await waitFor(finishedFor(messageId));
  assert.ok(finished.type === 'chat.finished');
  assert.equal(finished.message.status, 'error');
  assert.equal(finished.message.errorMessage, REPLY_DISK_FULL_MESSAGE);

  const settings = await h['app:settings.set']({ fontSize: 18 });
  assert.equal(settings.ok ? 'ok' : settings.error.code, 'disk-full');
  assert.deepEqual(
    readdirSync(dataDir).filter((name) => name.includes('settings')),
    [],
    'no settings file and no temporary file left behind',
  );

  // Another model than the one loaded (that one is registered already).
  const imported = await h['app:models.import']({ path: await getTinyModel({ seed: 7 }), copy: true });
  assert.equal(imported.ok ? 'ok' : imported.error.code, 'disk-full');

  // The model list: a reference import writes only models.json, which stays as it was.
  const registryBefore = readFileSync(join(dataDir, 'models.json'), 'utf8');
  const referenced = await h['app:models.import']({ path: await getTinyModel({ seed: 7 }), copy: false });
  assert.equal(referenced.ok ? 'ok' : referenced.error.code, 'disk-full');
  assert.equal(
    readFileSync(join(dataDir, 'models.json'), 'utf8'),
    registryBefore,
    'the model list is intact',
  );

  // A preset is an SQLite write like the reply: its own code, not 'internal'.
  const preset = await h['app:presets.create']({
    name: 'Full disk',
    safePrompt: 'Be kind. '.repeat(200),
    reversePrompt: 'Be unkind. '.repeat(200),
    alpha: 0.5,
    beta: 0,
    method: 'manual',
  });
  assert.equal(preset.ok ? 'ok' : preset.error.code, 'disk-full');

  // Space again: the reply and the app carry on.
  rmSync(filler);
  assert.ok((await h['app:settings.set']({ fontSize: 18 })).ok);
  // Where not even the status fitted, it is stored as soon as there is room again.
  for (;;) {
    const opened = await h['app:chats.open']({ conversationId: sent.value.conversation.id });
    assert.ok(opened.ok);
    const stored = opened.value.messages.at(-1);
    if (stored?.status !== 'streaming') {
      assert.equal(stored?.status, 'error');
      assert.equal(stored?.errorMessage, REPLY_DISK_FULL_MESSAGE);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});
