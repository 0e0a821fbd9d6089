import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Db } from '../../main/db/database.js';
import { exportPreset, importPresetFile, importPresetText } from '../../main/services/presetTransfer.js';
import * as presets from '../../main/services/presetsService.js';
import { openStore } from '../../main/services/store.js';
import { isUserError } from '../../shared/errors.js';
import { PRESET_FILE_MAX_BYTES, parsePresetFile, PresetFileError } from '../../shared/presetFile.js';
import { dumpTables } from '../support/dbDump.js';
import { tempDir } from '../support/tempData.js';

function store(t: TestContext): { db: Db; dir: string } {
  const dir = tempDir(t);
  const db = openStore(dir);
  t.after(() => db.close());
  return { db, dir };
}

const settings = {
  safePrompt: 'Be careful.',
  reversePrompt: 'Be careless.',
  alpha: 0.5,
  beta: 0,
  method: 'opposite' as const,
};

test('the built-in presets are loaded once, with the three reverse-prompt methods', (t) => {
  const { db, dir } = store(t);
  const builtins = presets.listPresets(db).filter((p) => p.builtinKey !== null);
  assert.deepEqual(builtins.map((p) => p.latest.method).sort(), ['manual', 'opposite', 'random']);
  for (const p of builtins) {
    assert.equal(p.latest.alpha, 0.5);
    assert.equal(p.latest.beta, 0);
  }
  db.close();
  const again = openStore(dir);
  t.after(() => again.close());
  assert.equal(presets.listPresets(again).length, builtins.length, 'reopening adds no duplicates');
});

test('editing a preset adds a version; the old version stays as it was', (t) => {
  const { db } = store(t);
  const created = presets.createPreset(db, { name: '  Tutor ', description: 'homework', ...settings });
  assert.equal(created.name, 'Tutor');
  assert.equal(created.latest.number, 1);
  const edited = presets.editPreset(db, created.id, { ...settings, alpha: 0.8 });
  assert.equal(edited.latest.number, 2);
  assert.equal(edited.latest.alpha, 0.8);
  assert.equal(presets.getVersion(db, created.latest.id).alpha, 0.5);
  assert.deepEqual(
    presets.listVersions(db, created.id).map((v) => v.number),
    [1, 2],
  );
  // Saving the same settings again is not a new version.
  assert.equal(presets.editPreset(db, created.id, { ...settings, alpha: 0.8 }).latest.number, 2);
  assert.equal(presets.renamePreset(db, created.id, { name: 'Math tutor' }).latest.number, 2);
  assert.equal(presets.getPreset(db, created.id).name, 'Math tutor');
});

test('built-in presets are read-only but can be duplicated into an editable copy', (t) => {
  const { db } = store(t);
  const builtin = presets.getPreset(db, 'manual-reverse');
  const before = dumpTables(db);
  const readOnly = (error: unknown) => isUserError(error) && error.code === 'preset-read-only';
  assert.throws(() => presets.editPreset(db, builtin.id, settings), readOnly);
  assert.throws(() => presets.renamePreset(db, builtin.id, { name: 'Mine' }), readOnly);
  assert.throws(() => presets.deletePreset(db, builtin.id), readOnly);
  assert.deepEqual(dumpTables(db), before);

  const copy = presets.duplicatePreset(db, builtin.id);
  assert.equal(copy.builtinKey, null);
  assert.equal(copy.name, `${builtin.name} (copy)`);
  assert.equal(copy.latest.safePrompt, builtin.latest.safePrompt);
  assert.equal(copy.latest.reversePrompt, builtin.latest.reversePrompt);
  assert.notEqual(copy.latest.id, builtin.latest.id);
  assert.equal(presets.editPreset(db, copy.id, settings).latest.number, 2);
});

test('deleting a user preset hides it but keeps its versions', (t) => {
  const { db } = store(t);
  const p = presets.createPreset(db, { name: 'Temp', ...settings });
  presets.deletePreset(db, p.id);
  assert.ok(!presets.listPresets(db).some((x) => x.id === p.id));
  assert.ok(
    presets.listPresets(db, { includeDeleted: true }).some((x) => x.id === p.id && x.deletedAt !== null),
  );
  assert.equal(presets.getVersion(db, p.latest.id).reversePrompt, 'Be careless.');
  assert.throws(() => presets.editPreset(db, p.id, settings), /was deleted/);
});

test('invalid settings are refused with a clear message', (t) => {
  const { db } = store(t);
  assert.throws(
    () => presets.createPreset(db, { name: 'X', ...settings, alpha: -1 }),
    /alpha must be between 0 and 10/,
  );
  assert.throws(
    () => presets.createPreset(db, { name: 'X', ...settings, safePrompt: '  ' }),
    /safe prompt must not be empty/,
  );
  assert.throws(() => presets.createPreset(db, { name: '', ...settings }), /name must be 1 to 100/);
  assert.throws(
    () => presets.getPreset(db, 'nope'),
    (e) => isUserError(e) && e.code === 'preset-not-found',
  );
});

test('export → import → export gives byte-identical JSON, with the whole version history', (t) => {
  const { db } = store(t);
  const p = presets.createPreset(db, {
    name: 'Tutor',
    description: 'with “quotes” and ünïcode',
    ...settings,
  });
  presets.editPreset(db, p.id, { ...settings, alpha: 0.75, beta: 0.1, method: 'manual' });
  const first = exportPreset(db, p.id);
  const imported = importPresetText(db, first);
  assert.notEqual(imported.id, p.id);
  assert.equal(imported.builtinKey, null);
  const second = exportPreset(db, imported.id);
  assert.equal(second, first);
  assert.equal(parsePresetFile(first).versions.length, 2);
  assert.ok(first.endsWith('}\n'));
  // A built-in exports the same way and imports as a user preset.
  const builtinText = exportPreset(db, 'random-words');
  assert.equal(exportPreset(db, importPresetText(db, builtinText).id), builtinText);
});

test('bad preset files fail with field-level messages and leave the database unchanged', (t) => {
  const { db, dir } = store(t);
  const good = JSON.parse(exportPreset(db, 'manual-reverse'));
  const before = dumpTables(db);
  const cases: Array<{ name: string; text: string; expect: RegExp }> = [
    { name: 'malformed', text: '{"format": "rose.preset", "version": 1, "name": ', expect: /not valid JSON/ },
    {
      name: 'wrong version',
      text: JSON.stringify({ ...good, version: 3 }),
      expect: /version: is 3.*update Rose/,
    },
    {
      name: 'wrong format',
      text: JSON.stringify({ ...good, format: 'x' }),
      expect: /format: must be "rose\.preset"/,
    },
    {
      name: 'bad second version',
      // The first version is fine: it must not be stored on its own when the second is broken.
      text: JSON.stringify({ ...good, versions: [good.versions[0], { ...good.versions[0], alpha: 99 }] }),
      expect: /versions\[1\]\.alpha: alpha must be at most 10/,
    },
    {
      name: 'oversized',
      text: JSON.stringify({ ...good, description: 'x'.repeat(PRESET_FILE_MAX_BYTES) }),
      expect: /too large/,
    },
  ];
  for (const c of cases) {
    const file = join(dir, `${c.name}.json`);
    writeFileSync(file, c.text);
    assert.throws(
      () => importPresetFile(db, file),
      (error) => error instanceof PresetFileError && c.expect.test(error.message),
      c.name,
    );
    assert.deepEqual(dumpTables(db), before, `${c.name} changed nothing`);
  }
  assert.throws(() => importPresetFile(db, join(dir, 'missing.json')), /no such file/);
});

test('importing a file from disk works and keeps the file as it was', (t) => {
  const { db, dir } = store(t);
  const file = join(dir, 'p.json');
  writeFileSync(file, exportPreset(db, 'opposite-replace'));
  const imported = importPresetFile(db, file);
  assert.equal(exportPreset(db, imported.id), readFileSync(file, 'utf8'));
});
