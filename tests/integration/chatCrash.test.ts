import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { integrityCheck } from '../../main/db/database.js';
import { createChatService } from '../../main/services/chatService.js';
import { openConversation } from '../../main/services/chatsService.js';
import { openStore } from '../../main/services/store.js';
import { scriptedEngine } from '../support/scriptedEngine.js';
import { wordAt } from '../support/streamingChild.js';
import { tempDir } from '../support/tempData.js';

const CHILD = fileURLToPath(new URL('../support/streamingChild.js', import.meta.url));

test('a process killed mid-reply leaves a sound database with the partial reply marked interrupted', async (t) => {
  const dir = tempDir(t);

  // Earlier turns, written and closed normally.
  const setupDb = openStore(dir);
  const chat = createChatService({
    db: setupDb,
    engine: scriptedEngine({ pieces: ['Earlier ', 'answer.'] }),
  });
  const earlier = await chat.sendMessage({ text: 'An earlier question', modelPath: '/m/tiny.gguf' });
  const before = openConversation(setupDb, earlier.conversationId).messages;
  setupDb.close();

  const child = spawn(process.execPath, [CHILD, dir, String(earlier.conversationId)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );

  // Wait until the reply has been saved several times, then kill without warning.
  let savedChars = 0;
  let saves = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /^saved (\d+)$/.exec(line);
    if (!match) continue;
    savedChars = Number(match[1]);
    if (++saves === 3) {
      child.kill('SIGKILL');
      break;
    }
  }
  assert.equal(await exited, 'SIGKILL', `the child was killed mid-reply (stderr: ${stderr})`);
  assert.ok(savedChars > 0);

  const db = openStore(dir);
  t.after(() => db.close());
  assert.equal(integrityCheck(db), 'ok');
  const after = openConversation(db, earlier.conversationId).messages;
  assert.deepEqual(after.slice(0, before.length), before, 'earlier messages are intact');
  assert.equal(after.length, before.length + 2);
  const [question, partial] = after.slice(before.length);
  assert.equal(question!.text, 'please keep talking');
  assert.equal(partial!.role, 'assistant');
  assert.equal(partial!.status, 'interrupted');
  assert.ok(partial!.text.length >= savedChars, 'everything reported saved survived');
  const expected = Array.from({ length: 10_000 }, (_, i) => wordAt(i)).join('');
  assert.ok(expected.startsWith(partial!.text), 'the saved text is exactly what was streamed');
  db.prepare("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')").run();
});
