import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256File } from '../../main/models/sha256.js';
import { runRose } from '../support/runCli.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

test('rose chat streams and stores a reply with provenance; rose chats search finds it', async (t) => {
  const dir = tempDir(t);
  const model = await getTinyModel();
  const common = ['--data-dir', dir, '--threads', '1', '--max-tokens', '12'];

  const first = await runRose([
    'chat',
    '--model',
    model,
    '--json',
    ...common,
    'Tell me about marmalade please',
  ]);
  assert.equal(first.code, 0, first.stderr);
  const reply = JSON.parse(first.stdout);
  assert.equal(reply.role, 'assistant');
  assert.equal(reply.status, 'complete');
  assert.ok(reply.provenance.generated > 0);
  assert.equal(reply.provenance.modelSha256, await sha256File(model));
  assert.ok(['api', 'ffi'].includes(reply.provenance.logitsSource));

  // The conversation remembers its model: the next turn needs no --model.
  const second = await runRose([
    'chat',
    '--conversation',
    String(reply.conversationId),
    '--preset',
    'opposite-replace',
    ...common,
    'and about quince jelly',
  ]);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, new RegExp(`conversation ${reply.conversationId} · message \\d+ · complete`));

  const search = await runRose(['chats', 'search', 'marmalade', '--json', '--data-dir', dir]);
  const hits = JSON.parse(search.stdout) as Array<{
    kind: string;
    conversationId: number;
    role: string | null;
  }>;
  assert.ok(
    hits.some((h) => h.kind === 'message' && h.role === 'user' && h.conversationId === reply.conversationId),
  );
  const quince = JSON.parse(
    (await runRose(['chats', 'search', 'quince', '--json', '--data-dir', dir])).stdout,
  );
  assert.equal(quince.length, 1);

  const shown = JSON.parse(
    (await runRose(['chats', 'show', String(reply.conversationId), '--json', '--data-dir', dir])).stdout,
  );
  assert.equal(shown.messages.length, 4);
  const presets = JSON.parse(
    (await runRose(['presets', 'show', 'opposite-replace', '--json', '--data-dir', dir])).stdout,
  );
  assert.equal(shown.messages[3].provenance.presetVersionId, presets.latest.id);
});

test('rose chat without a model says what to do, and stores nothing', async (t) => {
  const dir = tempDir(t);
  const result = await runRose(['chat', '--data-dir', dir, 'hello']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /No model is loaded/);
  assert.equal((await runRose(['chats', 'list', '--json', '--data-dir', dir])).stdout.trim(), '[]');
});
