import assert from 'node:assert/strict';
import { closeSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { test } from 'node:test';
import { createRose } from '../../main/app/createRose.js';
import { BACKUPS_KEPT, backupName, backupsDir, listBackups } from '../../main/services/autoBackup.js';
import { createChatService } from '../../main/services/chatService.js';
import { databasePath } from '../../main/services/dataDir.js';
import { openStore } from '../../main/services/store.js';
import { runRose } from '../support/runCli.js';
import { scriptedEngine } from '../support/scriptedEngine.js';
import { tempDir } from '../support/tempData.js';

/** A data folder with one conversation about marmalade. */
async function folderWithChat(dir: string): Promise<void> {
  const db = openStore(dir);
  const chat = createChatService({ db, engine: scriptedEngine({ pieces: ['Oranges ', 'and sugar.'] }) });
  await chat.sendMessage({ text: 'How is marmalade made?', modelPath: '/m/tiny.gguf' });
  db.close();
}

/** Overwrite every page after the first with garbage: the schema is there, the tables are not. */
function corrupt(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(size - 4096, 0xab), 0, size - 4096, 4096);
  closeSync(fd);
}

const noStack = (stderr: string) => assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');

test('a damaged database gives one coded line that says how to restore, and restore --latest brings it back', async (t) => {
  const dir = tempDir(t);
  await folderWithChat(dir);

  // The owner makes the day's backup at start and keeps only the newest few.
  const day = 24 * 60 * 60 * 1000;
  const rose0 = await createRose({ dataDir: dir, threads: 1, shell: 'serve', log: () => {} });
  await rose0.dispose();
  const first = listBackups(dir);
  assert.equal(first.length, 1, 'a backup was made at start');
  const { copyFileSync } = await import('node:fs');
  for (let n = 1; n <= BACKUPS_KEPT + 1; n++)
    copyFileSync(first[0]!.file, `${backupsDir(dir)}/${backupName(first[0]!.at - n * day)}`);
  assert.equal(listBackups(dir).length, BACKUPS_KEPT + 2);

  corrupt(databasePath(dir));
  const listed = await runRose(['chats', 'list', '--data-dir', dir]);
  assert.equal(listed.code, 2);
  assert.match(
    listed.stderr,
    /^rose: the database .* is damaged \(.*\)\. Nothing was changed\. Restore the latest automatic backup with 'rose db restore --latest'/,
  );
  noStack(listed.stderr);
  const opened = await createRose({ dataDir: dir, threads: 1, shell: 'serve', log: () => {} }).then(
    () => 'opened',
    (error: { code?: string }) => error.code,
  );
  assert.equal(opened, 'db-damaged', 'the app refuses it with the same code');

  const restored = await runRose(['db', 'restore', '--latest', '--data-dir', dir]);
  assert.equal(restored.code, 0, restored.stderr);
  assert.match(
    restored.stdout,
    /^restored the database from .*rose-\d{8}-\d{6}\.sqlite; the previous file was kept as .*\.replaced-/,
  );
  assert.ok(
    readdirSync(dir).some((name) => name.includes('.replaced-')),
    'the damaged file was kept',
  );
  const after = await runRose(['chats', 'search', 'marmalade', '--data-dir', dir]);
  assert.equal(after.code, 0, after.stderr);
  assert.match(after.stdout, /marmalade/);

  // A second start within the day makes no new backup but prunes to the newest few.
  const rose = await createRose({ dataDir: dir, threads: 1, shell: 'serve', log: () => {} });
  await rose.dispose();
  const kept = listBackups(dir);
  assert.equal(kept.length, BACKUPS_KEPT);
  assert.equal(kept[0]!.file, first[0]!.file, 'the newest is kept');
});

test('a broken search index alone is rebuilt at open with a notice, and search works again', async (t) => {
  const dir = tempDir(t);
  await folderWithChat(dir);
  const db = openStore(dir);
  db.unsafeMode(true);
  db.prepare("UPDATE messages_fts_data SET block = x'0000ffff' WHERE id > 10").run();
  db.close();

  const searched = await runRose(['chats', 'search', 'marmalade', '--data-dir', dir]);
  assert.equal(searched.code, 0, searched.stderr);
  assert.match(
    searched.stderr,
    /^rose: note: the search index \(messages_fts\) was damaged and has been rebuilt/m,
  );
  assert.match(searched.stdout, /marmalade/);
  const checked = await runRose(['db', 'check', '--data-dir', dir]);
  assert.equal(checked.code, 0, checked.stdout + checked.stderr);
  assert.match(checked.stdout, /integrity ok, search index ok/);
});

test('restore refuses while Rose uses the folder, and a damaged backup', async (t) => {
  const dir = tempDir(t);
  await folderWithChat(dir);
  const rose = await createRose({ dataDir: dir, threads: 1, shell: 'serve', log: () => {} });
  t.after(() => rose.dispose());
  const busy = await runRose(['db', 'restore', '--latest', '--data-dir', dir]);
  assert.equal(busy.code, 2);
  assert.match(busy.stderr, /already using the data folder .*; close it first, then restore/);
  await rose.dispose();

  const bad = `${dir}/bad.sqlite`;
  const { copyFileSync } = await import('node:fs');
  copyFileSync(databasePath(dir), bad);
  corrupt(bad);
  const refused = await runRose(['db', 'restore', bad, '--data-dir', dir]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /bad\.sqlite is (damaged too|not a readable Rose database)/);
  noStack(refused.stderr);
});
