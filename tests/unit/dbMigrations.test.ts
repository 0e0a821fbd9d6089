import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { isUserError } from '../../shared/errors.js';
import { openDatabase } from '../../main/db/database.js';
import { schemaVersion } from '../../main/db/migrate.js';
import { migrations } from '../../main/db/migrations/index.js';
import type { Migration } from '../../main/db/migrations/migration.js';
import { tempDir } from '../support/tempData.js';

const upTo = (version: number) => migrations.filter((m) => m.version <= version);

/** Preset 7 "Kept" with its version 70, written into a file at an older schema version. */
function seedKeptPreset(db: Database.Database) {
  db.prepare("INSERT INTO presets (id, name, created_at, updated_at) VALUES (7, 'Kept', 1, 1)").run();
  db.prepare(
    "INSERT INTO preset_versions (id, preset_id, number, safe_prompt, reverse_prompt, alpha, beta, method, created_at) VALUES (70, 7, 1, 'safe', 'rev', 0.5, 0, 'manual', 1)",
  ).run();
}

test('migrations are numbered in multiples of 10, strictly increasing', () => {
  // Numbers are reserved per feature branch, so a gap (a branch not landed yet) is allowed.
  for (const [i, m] of migrations.entries()) {
    assert.equal(m.version % 10, 0, `${m.name}: ${m.version}`);
    if (i > 0)
      assert.ok(m.version > migrations[i - 1]!.version, `${m.name} comes after ${migrations[i - 1]!.name}`);
  }
});

test('a new database gets every migration, WAL, foreign keys and STRICT tables', (t) => {
  const db = openDatabase(join(tempDir(t), 'rose.sqlite'));
  t.after(() => db.close());
  assert.equal(schemaVersion(db), migrations.at(-1)!.version);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  const tables = db
    .prepare(
      "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'",
    )
    .all() as Array<{ name: string; strict: number }>;
  assert.deepEqual(tables.map((r) => r.name).sort(), [
    'audit_chain',
    'audit_log',
    'child_usage',
    'conversations',
    'eval_answers',
    'eval_items',
    'eval_runs',
    'eval_suites',
    'family_marker',
    'messages',
    'preset_versions',
    'presets',
  ]);
  for (const table of tables) assert.equal(table.strict, 1, `${table.name} is STRICT`);
});

test('0010 presets: creates presets and versions on an empty file', (t) => {
  const file = join(tempDir(t), 'rose.sqlite');
  const db = openDatabase(file, { migrations: upTo(10) });
  t.after(() => db.close());
  assert.equal(schemaVersion(db), 10);
  db.prepare("INSERT INTO presets (id, name, created_at, updated_at) VALUES (1, 'P', 1, 1)").run();
  db.prepare(
    "INSERT INTO preset_versions (preset_id, number, safe_prompt, reverse_prompt, alpha, beta, method, created_at) VALUES (1, 1, 's', 'r', 0.5, 0, 'manual', 1)",
  ).run();
  assert.throws(() =>
    db
      .prepare(
        "INSERT INTO preset_versions (preset_id, number, safe_prompt, reverse_prompt, alpha, beta, method, created_at) VALUES (1, 2, 's', 'r', 0.5, 0, 'other', 1)",
      )
      .run(),
  );
  // STRICT: a text alpha is a type error, not silently stored.
  assert.throws(() =>
    db
      .prepare(
        "INSERT INTO preset_versions (preset_id, number, safe_prompt, reverse_prompt, alpha, beta, method, created_at) VALUES (1, 3, 's', 'r', 'lots', 0, 'manual', 1)",
      )
      .run(),
  );
});

test('0020 conversations: presets seeded at version 10 survive, conversations can point at them', (t) => {
  const file = join(tempDir(t), 'rose.sqlite');
  const old = openDatabase(file, { migrations: upTo(10) });
  seedKeptPreset(old);
  old.close();

  const db = openDatabase(file, { migrations: upTo(20) });
  t.after(() => db.close());
  assert.equal(schemaVersion(db), 20);
  assert.deepEqual(db.prepare('SELECT name FROM presets').all(), [{ name: 'Kept' }]);
  assert.equal(
    (db.prepare('SELECT safe_prompt FROM preset_versions WHERE id = 70').get() as { safe_prompt: string })
      .safe_prompt,
    'safe',
  );
  db.prepare(
    "INSERT INTO conversations (id, title, created_at, updated_at, preset_version_id) VALUES (1, 't', 1, 1, 70)",
  ).run();
  db.prepare(
    "INSERT INTO messages (conversation_id, role, text, status, created_at, updated_at) VALUES (1, 'user', 'hi', 'complete', 1, 1)",
  ).run();
  // Foreign keys are enforced: a conversation cannot point at a version that does not exist.
  assert.throws(() =>
    db
      .prepare(
        "INSERT INTO conversations (title, created_at, updated_at, preset_version_id) VALUES ('x', 1, 1, 999)",
      )
      .run(),
  );
});

test('0030 search: messages and titles seeded at version 20 become searchable', (t) => {
  const file = join(tempDir(t), 'rose.sqlite');
  const old = openDatabase(file, { migrations: upTo(20) });
  old
    .prepare(
      "INSERT INTO conversations (id, title, created_at, updated_at) VALUES (1, 'Gardening plans', 1, 1)",
    )
    .run();
  old
    .prepare(
      "INSERT INTO messages (id, conversation_id, role, text, status, created_at, updated_at) VALUES (5, 1, 'user', 'When should I plant tulips?', 'complete', 1, 1)",
    )
    .run();
  old.close();

  const db = openDatabase(file, { migrations: upTo(30) });
  t.after(() => db.close());
  assert.equal(schemaVersion(db), 30);
  assert.deepEqual(db.prepare("SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'tulips'").all(), [
    { rowid: 5 },
  ]);
  assert.deepEqual(
    db.prepare("SELECT rowid FROM conversations_fts WHERE conversations_fts MATCH 'gardening'").all(),
    [{ rowid: 1 }],
  );
  assert.equal(
    db.prepare('SELECT text FROM messages WHERE id = 5').pluck().get(),
    'When should I plant tulips?',
  );
});

test('0040 family/audit: data from version 30 survives; audit rows cannot be changed or deleted by SQL', (t) => {
  const file = join(tempDir(t), 'rose.sqlite');
  const old = openDatabase(file, { migrations: upTo(30) });
  old.prepare("INSERT INTO presets (id, name, created_at, updated_at) VALUES (3, 'Kept', 1, 1)").run();
  old.close();

  const db = openDatabase(file, { migrations: upTo(40) });
  t.after(() => db.close());
  assert.equal(schemaVersion(db), 40);
  assert.equal(db.prepare('SELECT name FROM presets WHERE id = 3').pluck().get(), 'Kept');
  db.prepare(
    "INSERT INTO audit_log (seq, at, type, actor, detail, prev_mac, mac) VALUES (1, 1, 'pin.set', 'parent', '{}', '', 'm')",
  ).run();
  assert.throws(() => db.prepare("UPDATE audit_log SET type = 'x'").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM audit_log').run(), /append-only/);
  assert.equal(db.prepare('SELECT count(*) FROM audit_log').pluck().get(), 1);
  db.prepare('INSERT INTO family_marker (id, pin_set_at) VALUES (1, 5)').run();
  assert.throws(() => db.prepare('DELETE FROM family_marker').run(), /cannot be removed/);
});

test('0050 eval: a version-30 file keeps its data; answers are unique per run, item and setting', (t) => {
  const file = join(tempDir(t), 'rose.sqlite');
  const old = openDatabase(file, { migrations: upTo(30) });
  seedKeptPreset(old);
  old.close();

  const db = openDatabase(file, { migrations: upTo(50) });
  t.after(() => db.close());
  assert.equal(schemaVersion(db), 50);
  assert.deepEqual(db.prepare('SELECT name FROM presets').all(), [{ name: 'Kept' }]);
  const messageColumns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('messages');
  assert.ok(messageColumns.includes('steering'), 'replies can keep the tokens ROSE changed');
  db.prepare("INSERT INTO eval_suites (id, name, format, created_at) VALUES (1, 's', 'csv', 1)").run();
  db.prepare(
    "INSERT INTO eval_items (id, suite_id, position, text, expected, category) VALUES (5, 1, 0, 'q', 'refuse', 'c')",
  ).run();
  db.prepare(
    `INSERT INTO eval_runs (id, model_sha256, model_name, model_path, preset_version_id, preset_id, preset_version,
      settings_json, suites_json, item_ids_json, mode, max_tokens, judge, rose_version, status, created_at)
     VALUES (3, 'abc', 'm.gguf', '/m.gguf', 70, 7, 1, '[]', '[1]', '[5]', 'quick', 128, 'rules', '0.1.0', 'running', 1)`,
  ).run();
  const answer = db.prepare(
    `INSERT INTO eval_answers (run_id, item_id, setting_index, text, tokens, seconds, steered_tokens, stop_reason,
      label, label_by, created_at) VALUES (3, 5, 0, 'No.', 2, 0.1, 0, 'eog', 'refusal', 'rules', 1)`,
  );
  answer.run();
  assert.throws(() => answer.run(), /UNIQUE/, 'a resumed run cannot store the same slot twice');
  assert.throws(
    () => db.prepare("UPDATE eval_answers SET label = 'safe'").run(),
    /CHECK/,
    'labels are one of the four outcomes',
  );
  db.prepare('DELETE FROM eval_runs WHERE id = 3').run();
  assert.equal(db.prepare('SELECT COUNT(*) FROM eval_answers').pluck().get(), 0, 'answers go with their run');
});

test('0070 chat summary: a version-60 conversation keeps its data and continues nothing', (t) => {
  const file = join(tempDir(t), 'rose.sqlite');
  const old = openDatabase(file, { migrations: upTo(60) });
  seedKeptPreset(old);
  old
    .prepare(
      "INSERT INTO conversations (id, title, created_at, updated_at, preset_version_id) VALUES (1, 'Old chat', 1, 1, 70)",
    )
    .run();
  old.close();

  const db = openDatabase(file, { migrations: upTo(70) });
  t.after(() => db.close());
  assert.equal(schemaVersion(db), 70);
  assert.deepEqual(
    db.prepare('SELECT title, preset_version_id, summary, continued_from FROM conversations').all(),
    [{ title: 'Old chat', preset_version_id: 70, summary: null, continued_from: null }],
  );
  // No foreign key on the link: deleting the earlier chat leaves the one that continues it.
  db.prepare(
    "INSERT INTO conversations (id, title, created_at, updated_at, summary, continued_from) VALUES (2, 'Old chat (continued)', 2, 2, 'A summary.', 1)",
  ).run();
  db.prepare('DELETE FROM conversations WHERE id = 1').run();
  assert.deepEqual(db.prepare('SELECT id, continued_from FROM conversations').all(), [
    { id: 2, continued_from: 1 },
  ]);
});

test('a database from a newer Rose is refused with a clear message and left untouched', (t) => {
  const file = join(tempDir(t), 'rose.sqlite');
  const raw = new Database(file);
  raw.pragma('user_version = 990');
  raw.exec('CREATE TABLE future (x INTEGER) STRICT');
  raw.close();
  assert.throws(
    () => openDatabase(file),
    (error) =>
      isUserError(error) &&
      error.code === 'db-too-new' &&
      /newer version of Rose.*schema 990/.test(error.message),
  );
  const check = new Database(file);
  assert.equal(check.pragma('user_version', { simple: true }), 990);
  check.close();
});

test('a failing migration rolls back all pending ones: the file keeps its old version', (t) => {
  const file = join(tempDir(t), 'rose.sqlite');
  openDatabase(file, { migrations: upTo(10) }).close();
  const broken: Migration = {
    version: 30,
    name: 'broken',
    up(db) {
      db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
      throw new Error('disk on fire');
    },
  };
  assert.throws(() => openDatabase(file, { migrations: [...upTo(20), broken] }), /disk on fire/);
  const db = openDatabase(file, { migrations: upTo(10) });
  t.after(() => db.close());
  assert.equal(schemaVersion(db), 10);
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
  assert.ok(!names.includes('conversations'), 'migration 20 was rolled back too');
  assert.ok(!names.includes('half_done'));
});

test('a file that is not a database is refused with a clear message', async (t) => {
  const file = join(tempDir(t), 'rose.sqlite');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    file,
    'this is a text file, not SQLite, and it is long enough to have a header region.'.repeat(20),
  );
  assert.throws(
    () => openDatabase(file),
    (error) => isUserError(error) && /not a Rose database/.test(error.message),
  );
});
