import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { createRose } from '../../main/app/createRose.js';
import { openDatabase } from '../../main/db/database.js';
import { getMessage } from '../../main/db/messagesRepo.js';
import { databasePath } from '../../main/services/dataDir.js';
import { currentOwner } from '../../main/services/dataFolderOwner.js';
import { finishedFor, recorder } from '../support/roseEvents.js';
import { ROSE_BIN, runRose } from '../support/runCli.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

test('a CLI command during a stream leaves the reply streaming, then it completes; a second serve refuses', async (t) => {
  const dataDir = tempDir(t);
  const rose = await createRose({
    dataDir,
    threads: 1,
    modelPath: await getTinyModel(),
    shell: 'serve',
    log: () => {},
  });
  t.after(() => rose.dispose());
  const { waitFor } = recorder(rose);

  // Run the CLI from inside the first delta's listener: the owner's thread waits for it, so the
  // reply cannot be finished meanwhile, and its status is read before the owner runs again.
  let during: { code: number | null; stderr: string; status: string | undefined } | null = null;
  const unsubscribe = rose.events.subscribe((event) => {
    if (event.type !== 'chat.delta' || during !== null) return;
    const cli = spawnSync(process.execPath, [ROSE_BIN, 'chats', 'list', '--data-dir', dataDir], {
      encoding: 'utf8',
    });
    const db = openDatabase(databasePath(dataDir));
    during = { code: cli.status, stderr: cli.stderr, status: getMessage(db, event.messageId)?.status };
    db.close();
  });
  t.after(unsubscribe);

  const sent = await rose.handlers['app:chats.send']({ text: 'A long story please', maxTokens: 200 });
  assert.ok(sent.ok, JSON.stringify(sent));
  const messageId = sent.value.assistantMessage.id;
  const finished = await waitFor(finishedFor(messageId));
  assert.ok(during !== null, 'the CLI ran during the reply');
  const seen = during as { code: number | null; stderr: string; status: string | undefined };
  assert.equal(seen.code, 0, seen.stderr);
  assert.match(seen.stderr, /rose serve, process \d+\) is already using the data folder/);
  assert.equal(seen.status, 'streaming', 'the CLI left the live reply alone');
  assert.ok(finished.type === 'chat.finished');
  assert.equal(finished.message.status, 'complete');

  const second = await runRose(['serve', '--port', '0', '--data-dir', dataDir]);
  assert.equal(second.code, 2);
  assert.match(
    second.stderr,
    /^rose: Rose \(rose serve, process \d+\) is already using the data folder .*; stop it first/,
  );
});

test('the folder of a killed rose serve is taken over at once', async (t) => {
  const dataDir = tempDir(t);
  const child = spawn(process.execPath, [ROSE_BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Rose is running at')) resolve();
    });
    child.on('close', (code) => reject(new Error(`rose serve ended (${code}): ${stderr}`)));
  });
  assert.equal(currentOwner(dataDir)?.pid, child.pid);
  const exited = new Promise((resolve) => child.on('close', resolve));
  child.kill('SIGKILL');
  await exited;

  assert.equal(currentOwner(dataDir), null, 'a dead owner holds nothing');
  const rose = await createRose({ dataDir, threads: 1, shell: 'serve', log: () => {} });
  assert.equal(currentOwner(dataDir)?.pid, process.pid);
  await rose.dispose();
  assert.equal(currentOwner(dataDir), null, 'released on dispose');
});
