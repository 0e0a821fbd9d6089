import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Channel, channels } from '../../shared/contract/index.js';
import { createRose } from '../../main/app/createRose.js';
import { openDatabase } from '../../main/db/database.js';
import { databasePath } from '../../main/services/dataDir.js';
import { dumpTables } from '../support/dbDump.js';
import { tempDir } from '../support/tempData.js';

/** One malformed input per channel and the field the error must name. */
const malformed: Record<Channel, { input: unknown; field: string }> = {
  'app:chats.list': { input: { limit: 0 }, field: 'limit' },
  'app:chats.open': { input: { conversationId: 'one' }, field: 'conversationId' },
  'app:chats.search': { input: { query: 5 }, field: 'query' },
  'app:chats.send': { input: { text: '' }, field: 'text' },
  'app:chats.stop': { input: {}, field: 'messageId' },
  'app:chats.regenerate': { input: { messageId: 1, alpha: 99 }, field: 'alpha' },
  'app:chats.editAndResend': { input: { messageId: 1, text: 7 }, field: 'text' },
  'app:chats.selectBranch': { input: { messageId: -3 }, field: 'messageId' },
  'app:chats.configure': { input: { conversationId: 1, roseEnabled: 'yes' }, field: 'roseEnabled' },
  'app:chats.rename': { input: { conversationId: 1, title: '   ' }, field: 'title' },
  'app:chats.pin': { input: { conversationId: 1, pinned: 1 }, field: 'pinned' },
  'app:chats.delete': { input: { conversationId: 1.5 }, field: 'conversationId' },
  'app:chats.restore': { input: { conversationId: null }, field: 'conversationId' },
  'app:chats.export': { input: { conversationId: 1, format: 'pdf' }, field: 'format' },
  'app:presets.list': { input: { includeDeleted: 'all' }, field: 'includeDeleted' },
  'app:presets.get': { input: { presetId: '1; DROP TABLE presets' }, field: 'presetId' },
  'app:presets.create': {
    input: { name: 'x', safePrompt: 'be kind', reversePrompt: ' ', alpha: 1, beta: 0, method: 'manual' },
    field: 'reversePrompt',
  },
  'app:presets.update': { input: { presetId: 1, beta: 2 }, field: 'beta' },
  'app:presets.duplicate': { input: { presetId: 1, name: '' }, field: 'name' },
  'app:presets.delete': { input: { presetId: [1] }, field: 'presetId' },
  'app:presets.import': { input: { text: { format: 'rose.preset' } }, field: 'text' },
  'app:presets.export': { input: { presetId: 0 }, field: 'presetId' },
  'app:presets.deriveReverse': { input: { safePrompt: 'be kind', method: 'manual' }, field: 'method' },
  'app:models.list': { input: { all: true }, field: 'all' },
  'app:models.catalog': { input: { refresh: true }, field: 'refresh' },
  'app:models.import': { input: { path: '' }, field: 'path' },
  'app:models.remove': { input: { modelId: 3 }, field: 'modelId' },
  'app:models.load': { input: {}, field: 'modelId' },
  'app:models.current': { input: { verbose: 1 }, field: 'verbose' },
  'app:models.download': { input: { uri: 'hf:a/b/c.gguf', sha256: 'abc' }, field: 'sha256' },
  'app:models.cancelDownload': { input: { downloadId: '' }, field: 'downloadId' },
  'app:models.pauseDownload': { input: { downloadId: 7 }, field: 'downloadId' },
  'app:models.resumeDownload': { input: {}, field: 'downloadId' },
  'app:models.downloads': { input: { all: true }, field: 'all' },
  'app:hardware.get': { input: { contextSize: 10 }, field: 'contextSize' },
  'app:settings.get': { input: { theme: 'dark' }, field: 'theme' },
  'app:settings.set': { input: { theme: 'purple' }, field: 'theme' },
  'app:app.info': { input: { x: 1 }, field: 'x' },
  'app:compare.run': { input: { prompt: 'hi', sides: [{ alpha: 0 }] }, field: 'sides' },
  'app:compare.stop': { input: { compareId: '' }, field: 'compareId' },
  'app:logs.openFolder': { input: { folder: '/' }, field: 'folder' },
  'app:policy.get': { input: { key: 'alphaMin' }, field: 'key' },
  'app:policy.reload': { input: { force: true }, field: 'force' },
  'app:eval.suites': { input: { all: true }, field: 'all' },
  'app:eval.import': { input: { text: 7 }, field: 'text' },
  'app:eval.estimate': { input: { suites: [] }, field: 'suites' },
  'app:eval.start': { input: { suites: ['refuse'], alphas: [99] }, field: 'alphas.0' },
  'app:eval.resume': { input: { runId: 'one' }, field: 'runId' },
  'app:eval.cancel': { input: {}, field: 'runId' },
  'app:eval.runs': { input: { limit: 3 }, field: 'limit' },
  'app:eval.report': { input: { runId: -1 }, field: 'runId' },
  'app:eval.export': { input: { runId: 1, format: 'pdf' }, field: 'format' },
  'app:eval.guard': { input: { runId: 1 }, field: 'modelId' },
  'app:eval.relabel': { input: { answerId: 1, label: 'maybe' }, field: 'label' },
  'app:completions.create': {
    input: { completionId: 'c1', messages: [{ role: 'tool', content: 'hi' }] },
    field: 'messages.0.role',
  },
  'app:completions.cancel': { input: { completionId: '' }, field: 'completionId' },
  'app:chats.continue': { input: { messageId: 'last' }, field: 'messageId' },
  'app:chats.continueInNewChat': { input: { conversationId: 1, title: ' ' }, field: 'title' },
  'app:api.status': { input: { verbose: true }, field: 'verbose' },
  'app:api.createKey': { input: { name: '   ' }, field: 'name' },
  'app:api.revokeKey': { input: { id: 7 }, field: 'id' },
  'app:chats.deleteMessage': { input: { messageId: -1 }, field: 'messageId' },
  'app:chats.editReply': { input: { messageId: 1, text: '' }, field: 'text' },
  'app:family.status': { input: { pin: '482916' }, field: 'pin' },
  'app:family.setPin': { input: { pin: 482916 }, field: 'pin' },
  'app:family.unlock': { input: {}, field: 'pin' },
  'app:family.lock': { input: { all: true }, field: 'all' },
  'app:family.setChildMode': { input: { on: 'yes' }, field: 'on' },
  'app:family.set': { input: { key: '', value: 1 }, field: 'key' },
  'app:family.recover': { input: { code: 7 }, field: 'code' },
  'app:audit.list': { input: { limit: 0 }, field: 'limit' },
  'app:audit.verify': { input: { deep: true }, field: 'deep' },
  'app:audit.export': { input: { format: 'xml' }, field: 'format' },
};

/** Everything a handler could write: every table, the settings file and the models list. */
function snapshot(dataDir: string) {
  const db = openDatabase(databasePath(dataDir));
  try {
    const files = Object.fromEntries(
      readdirSync(dataDir)
        .filter((name) => name.endsWith('.json'))
        .map((name) => [name, readFileSync(join(dataDir, name), 'utf8')]),
    );
    return { tables: dumpTables(db), files };
  } finally {
    db.close();
  }
}

test('every contract channel has a handler, and no handler exists outside the contract', async (t) => {
  const rose = await createRose({ dataDir: tempDir(t), threads: 1, log: () => {} });
  t.after(() => rose.dispose());
  assert.deepEqual(Object.keys(rose.handlers).sort(), [...channels].sort());
  for (const channel of channels) assert.equal(typeof rose.handlers[channel], 'function', channel);
});

test('malformed requests of every kind are refused naming the field, and change nothing', async (t) => {
  const dataDir = tempDir(t);
  const logged: string[] = [];
  const rose = await createRose({ dataDir, threads: 1, log: (m) => logged.push(m) });
  t.after(() => rose.dispose());
  // Something to lose: a conversation-free but non-empty store (presets) and a settings file.
  assert.ok((await rose.handlers['app:settings.set']({ theme: 'dark' })).ok);
  const created = await rose.handlers['app:presets.create']({
    name: 'Mine',
    safePrompt: 'Be kind.',
    reversePrompt: 'Be cruel.',
    alpha: 0.5,
    beta: 0,
    method: 'manual',
  });
  assert.ok(created.ok);
  const before = snapshot(dataDir);

  for (const channel of channels) {
    const { input, field } = malformed[channel];
    for (const sample of [input, { ...(input as object), unexpectedField: 1 }, 'not an object', [1, 2]]) {
      const result = await rose.handlers[channel](sample);
      assert.equal(result.ok, false, `${channel} accepted ${JSON.stringify(sample)}`);
      if (result.ok) continue;
      assert.equal(result.error.code, 'invalid-request', `${channel}: ${result.error.message}`);
      assert.ok(result.error.message.includes(channel), result.error.message);
      if (sample === input) {
        assert.equal(result.error.field, field, `${channel}: ${result.error.message}`);
        assert.ok(result.error.message.includes(field), result.error.message);
      }
    }
  }
  assert.deepEqual(snapshot(dataDir), before, 'a refused request wrote something');
  assert.deepEqual(logged, [], 'invalid input is not an internal error');
});

test('service errors come back as their code; well-formed requests work without a model', async (t) => {
  const dataDir = tempDir(t);
  const rose = await createRose({ dataDir, threads: 1, log: () => {} });
  t.after(() => rose.dispose());
  const h = rose.handlers;

  const missing = await h['app:chats.open']({ conversationId: 12345 });
  assert.deepEqual(missing.ok ? null : missing.error.code, 'conversation-not-found');
  const noModel = await h['app:chats.send']({ text: 'hello' });
  assert.deepEqual(noModel.ok ? null : noModel.error.code, 'no-model');
  assert.deepEqual(dumpTablesOf(dataDir).messages, [], 'a refused send stores no message');

  const builtin = await h['app:presets.list']();
  assert.ok(builtin.ok && builtin.value.length > 0);
  const readOnly = await h['app:presets.update']({ presetId: builtin.value[0]!.id, alpha: 1 });
  assert.deepEqual(readOnly.ok ? null : readOnly.error.code, 'preset-read-only');

  const copy = await h['app:presets.duplicate']({ presetId: builtin.value[0]!.id, name: 'Copy' });
  assert.ok(copy.ok);
  const edited = await h['app:presets.update']({ presetId: copy.value.id, alpha: 1.25, name: 'Edited' });
  assert.ok(edited.ok && edited.value.latest.number === 2 && edited.value.latest.alpha === 1.25);
  assert.equal(edited.value.name, 'Edited');
  const exported = await h['app:presets.export']({ presetId: copy.value.id });
  assert.ok(exported.ok && exported.value.fileName.endsWith('.rose-preset.json'));
  const imported = await h['app:presets.import']({ text: exported.value.text });
  assert.ok(imported.ok);
  const details = await h['app:presets.get']({ presetId: imported.value.id });
  assert.ok(details.ok && details.value.versions.length === 2);
  const badFile = await h['app:presets.import']({ text: '{"format":"rose.preset","version":1}' });
  assert.deepEqual(badFile.ok ? null : badFile.error.code, 'preset-file-invalid');
  const derived = await h['app:presets.deriveReverse']({
    safePrompt: 'You are a helpful assistant.',
    method: 'opposite',
  });
  assert.ok(
    derived.ok &&
      derived.value.reversePrompt.length > 0 &&
      derived.value.reversePrompt !== 'You are a helpful assistant.',
  );

  const settings = await h['app:settings.set']({ fontSize: 18, threads: 2 });
  assert.ok(settings.ok && settings.value.fontSize === 18 && settings.value.threads === 2);
  assert.equal(settings.value.dataDir, dataDir);
  const reread = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
  assert.equal(reread.fontSize, 18);

  const info = await h['app:app.info']();
  assert.ok(info.ok && info.value.logitsSource === null && info.value.shell === 'serve');
  assert.match(info.value.appVersion, /^\d+\.\d+\.\d+/);
  const current = await h['app:models.current']();
  assert.deepEqual(current, { ok: true, value: null });
  const unknownModel = await h['app:models.load']({ modelId: 'nope' });
  assert.deepEqual(unknownModel.ok ? null : unknownModel.error.code, 'model-not-found');
});

function dumpTablesOf(dataDir: string) {
  return snapshot(dataDir).tables;
}
