import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { createChatService } from '../../main/services/chatService.js';
import { openStore } from '../../main/services/store.js';
import { runRose } from '../support/runCli.js';
import { scriptedEngine } from '../support/scriptedEngine.js';
import { tempDir } from '../support/tempData.js';

test('rose presets list --json lists the three built-in presets', async (t) => {
  const dir = tempDir(t);
  const result = await runRose(['presets', 'list', '--json', '--data-dir', dir]);
  assert.equal(result.code, 0, result.stderr);
  const list = JSON.parse(result.stdout) as Array<{ builtinKey: string | null; latest: { method: string } }>;
  const builtins = list.filter((p) => p.builtinKey !== null);
  assert.ok(builtins.length >= 3);
  assert.deepEqual(builtins.map((p) => [p.builtinKey, p.latest.method]).sort(), [
    ['manual-reverse', 'manual'],
    ['opposite-replace', 'opposite'],
    ['random-words', 'random'],
  ]);
  assert.ok(existsSync(join(dir, 'rose.sqlite')));
});

test('ROSE_DATA_DIR is used when --data-dir is not given', async (t) => {
  const dir = tempDir(t);
  const result = await runRose(['presets', 'list'], { ROSE_DATA_DIR: dir });
  assert.equal(result.code, 0, result.stderr);
  assert.ok(existsSync(join(dir, 'rose.sqlite')));
});

test('rose presets export → import → export round-trips byte-identical JSON', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'manual.json');
  assert.equal(
    (await runRose(['presets', 'export', 'manual-reverse', '-o', file, '--data-dir', dir])).code,
    0,
  );
  const imported = await runRose(['presets', 'import', file, '--json', '--data-dir', dir]);
  assert.equal(imported.code, 0, imported.stderr);
  const { id } = JSON.parse(imported.stdout) as { id: number };
  const again = await runRose(['presets', 'export', String(id), '--data-dir', dir]);
  assert.equal(again.stdout, readFileSync(file, 'utf8'));
});

test('rose presets import of a bad file: exit 2, one line naming the field, nothing stored', async (t) => {
  const dir = tempDir(t);
  const before = (await runRose(['presets', 'list', '--json', '--all', '--data-dir', dir])).stdout;
  const file = join(dir, 'bad.json');
  const good = JSON.parse((await runRose(['presets', 'export', 'random-words', '--data-dir', dir])).stdout);
  writeFileSync(file, JSON.stringify({ ...good, versions: [{ ...good.versions[0], beta: 'none' }] }));
  const result = await runRose(['presets', 'import', file, '--data-dir', dir]);
  assert.equal(result.code, 2);
  assert.equal(result.stderr.trim().split('\n').length, 1);
  assert.match(result.stderr, /versions\[0\]\.beta: beta must be a number/);
  assert.equal((await runRose(['presets', 'list', '--json', '--all', '--data-dir', dir])).stdout, before);
});

test('rose presets derive-reverse needs no database', async () => {
  const result = await runRose(['presets', 'derive-reverse', '--json', 'Be helpful and never lie.']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), {
    safePrompt: 'Be helpful and never lie.',
    reversePrompt: 'Be helpful and always lie.',
    method: 'opposite',
  });
});

test('rose chats list, show, search and export read what the chat service stored', async (t) => {
  const dir = tempDir(t);
  const db = openStore(dir);
  const chat = createChatService({
    db,
    engine: scriptedEngine({ pieces: ['Marmalade ', 'needs ', 'oranges.'] }),
  });
  const reply = await chat.sendMessage({ text: 'How do I make marmalade?', modelPath: '/m/tiny.gguf' });
  db.close();
  const id = String(reply.conversationId);

  const list = JSON.parse((await runRose(['chats', 'list', '--json', '--data-dir', dir])).stdout);
  assert.deepEqual(
    list.map((c: { title: string }) => c.title),
    ['How do I make marmalade?'],
  );

  const shown = await runRose(['chats', 'show', id, '--data-dir', dir]);
  assert.match(shown.stdout, /\[assistant #\d+\]\nMarmalade needs oranges\./);

  const search = await runRose(['chats', 'search', 'oranges', '--data-dir', dir]);
  assert.equal(search.code, 0, search.stderr);
  assert.match(search.stdout, /assistant #\d+: Marmalade needs \[oranges\]\./);
  const hits = JSON.parse(
    (await runRose(['chats', 'search', 'marmalade', '--json', '--data-dir', dir])).stdout,
  );
  assert.deepEqual(hits.map((h: { kind: string }) => h.kind).sort(), ['message', 'message', 'title']);

  const md = await runRose(['chats', 'export', id, '--format', 'md', '--data-dir', dir]);
  assert.match(md.stdout, /^# How do I make marmalade\?/);
  const json = JSON.parse(
    (await runRose(['chats', 'export', id, '--format', 'json', '--data-dir', dir])).stdout,
  );
  assert.equal(json.messages[1].provenance.modelFile, 'tiny.gguf');

  const missing = await runRose(['chats', 'show', '999', '--data-dir', dir]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no conversation 999/);
  const badFormat = await runRose(['chats', 'export', id, '--format', 'pdf', '--data-dir', dir]);
  assert.equal(badFormat.code, 2);
});

test('rose db backup writes a consistent copy and will not overwrite a file by accident', async (t) => {
  const dir = tempDir(t);
  const target = join(dir, 'backup.sqlite');
  const result = await runRose(['db', 'backup', target, '--data-dir', dir]);
  assert.equal(result.code, 0, result.stderr);
  const copy = new Database(target, { readonly: true });
  t.after(() => copy.close());
  assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
  assert.equal(copy.prepare('SELECT count(*) FROM presets WHERE builtin_key IS NOT NULL').pluck().get(), 3);
  const again = await runRose(['db', 'backup', target, '--data-dir', dir]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /already exists/);
});

test('a database from a newer Rose is refused by every command with one clear line', async (t) => {
  const dir = tempDir(t);
  const raw = new Database(join(dir, 'rose.sqlite'));
  raw.pragma('user_version = 5000');
  raw.close();
  const result = await runRose(['chats', 'list', '--data-dir', dir]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^rose: this database was written by a newer version of Rose/);
});
