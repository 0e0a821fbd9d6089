import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import Database from 'better-sqlite3';
import { createRose, type Rose } from '../../main/app/createRose.js';
import { APP_ENTRY_URL } from '../../main/electron/appUrl.js';
import { dispatchIpcCall } from '../../main/electron/ipcDispatch.js';
import { databasePath } from '../../main/services/dataDir.js';
import { familyFilePath } from '../../main/services/family/familyRecord.js';
import { isUserError } from '../../shared/errors.js';
import { dataSnapshot, presetFileText } from '../support/policyFixture.js';
import { runRose } from '../support/runCli.js';
import { serveApi } from '../support/apiServer.js';
import { type Call, socketCaller } from '../support/socketCaller.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

const PIN = '482916';

/** A data folder whose parent set a PIN and (unless told otherwise) turned child mode on, through the contract. */
async function childModeFolder(t: TestContext, childMode = true) {
  const dataDir = join(tempDir(t, 'rose-family-bypass-'), 'data');
  const markerRoot = tempDir(t, 'rose-marker-');
  const setup = await createRose({ dataDir, threads: 1, log: () => {}, familyMarkerRoot: markerRoot });
  try {
    assert.ok((await setup.handlers['app:family.setPin']({ pin: PIN })).ok);
    if (childMode) assert.ok((await setup.handlers['app:family.setChildMode']({ on: true })).ok);
  } finally {
    await setup.dispose();
  }
  return { dataDir, markerRoot };
}

/** What the audit log holds: the number of refusals, and whether the chain still verifies. */
function auditCounts(dataDir: string) {
  const db = new Database(databasePath(dataDir), { readonly: true });
  try {
    return db.prepare("SELECT count(*) FROM audit_log WHERE type = 'policy.denied'").pluck().get() as number;
  } finally {
    db.close();
  }
}

async function startRoseOn(t: TestContext, folder: { dataDir: string; markerRoot: string }, api = false) {
  const rose = await createRose({
    dataDir: folder.dataDir,
    threads: 1,
    modelPath: await getTinyModel(),
    log: () => {},
    familyMarkerRoot: folder.markerRoot,
    api,
  });
  t.after(() => rose.dispose());
  return rose;
}

/**
 * The attempts a child could make without the parent: each refused with policy-denied, logged in
 * the audit log, and nothing stored changed.
 */
async function assertChildRefused(call: Call, dataDir: string, setBy: RegExp) {
  const attempts: [string, string, unknown, RegExp][] = [
    ['a settings write', 'app:settings.set', { theme: 'dark' }, /Settings page/],
    ['ROSE off', 'app:chats.send', { text: 'hi', roseEnabled: false, maxTokens: 4 }, /ROSE required/],
    ['α below the child floor', 'app:chats.send', { text: 'hi', alpha: 0.1, maxTokens: 4 }, /Minimum α/],
    [
      'creating a preset',
      'app:presets.create',
      {
        name: 'Anything',
        safePrompt: 'Be nice.',
        reversePrompt: 'Be mean.',
        alpha: 0.5,
        beta: 0,
        method: 'manual',
      },
      /Preset editing/,
    ],
    [
      'the compare view',
      'app:compare.run',
      { prompt: 'hi', sides: [{ alpha: 0.5 }, { alpha: 0.6 }] },
      /Compare/,
    ],
    ['turning child mode off', 'app:family.setChildMode', { on: false }, /needs a parent/],
    ['loosening a family value', 'app:family.set', { key: 'alphaMin', value: 0 }, /needs a parent/],
    ['reading the audit log', 'app:audit.list', {}, /needs a parent/],
  ];
  const before = dataSnapshot(dataDir);
  for (const [what, channel, input, rule] of attempts) {
    const logged = auditCounts(dataDir);
    const result = await call(channel, input);
    assert.ok(!result.ok, `${what} was allowed`);
    assert.equal(result.error.code, 'policy-denied', `${what}: ${result.error.message}`);
    assert.match(result.error.message, rule, what);
    assert.match(result.error.message, setBy, what);
    assert.equal(auditCounts(dataDir), logged + 1, `${what} was not logged in the audit log`);
    assert.deepEqual(dataSnapshot(dataDir), before, `${what} changed stored data`);
  }
}

/** A hand edit of the family record: child mode "off" and the α floor removed, MAC left as it was. */
function editFamilyRecord(dataDir: string) {
  const file = familyFilePath(dataDir);
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  stored.record.childMode = false;
  stored.record.values = { alphaMin: 0 };
  writeFileSync(file, JSON.stringify(stored));
}

test('Electron IPC handler path: child mode and a hand-edited family record refuse with policy-denied', {
  timeout: 180_000,
}, async (t) => {
  const folder = await childModeFolder(t);
  const frame = { url: APP_ENTRY_URL, parent: null };
  {
    const rose = await startRoseOn(t, folder);
    const call: Call = (channel, input) =>
      dispatchIpcCall({ channel, input, frame, appUrl: APP_ENTRY_URL, handlers: rose.handlers });
    await assertChildRefused(call, folder.dataDir, /set by a parent/i);
    await rose.dispose();
  }
  editFamilyRecord(folder.dataDir);
  const rose = await startRoseOn(t, folder);
  const call: Call = (channel, input) =>
    dispatchIpcCall({ channel, input, frame, appUrl: APP_ENTRY_URL, handlers: rose.handlers });
  const status = await call('app:family.status', {});
  assert.ok(status.ok);
  assert.equal((status.value as { tampered: boolean }).tampered, true);
  await assertChildRefused(call, folder.dataDir, /set by a parent/i);
  // Not even the PIN opens an altered record: only the recovery code does.
  const unlock = await call('app:family.unlock', { pin: PIN });
  assert.ok(!unlock.ok);
  assert.equal(unlock.error.code, 'family-locked');
});

test('WebSocket: child mode and a hand-edited family record refuse with policy-denied', {
  timeout: 180_000,
}, async (t) => {
  const folder = await childModeFolder(t);
  editFamilyRecord(folder.dataDir);
  const rose: Rose = await startRoseOn(t, folder);
  const call = await socketCaller(t, rose);
  await assertChildRefused(call, folder.dataDir, /set by a parent/i);
});

test('CLI: child mode and a hand-edited family record refuse with policy-denied', {
  timeout: 180_000,
}, async (t) => {
  const folder = await childModeFolder(t);
  const env = { ROSE_FAMILY_MARKER_DIR: folder.markerRoot };
  const presetFile = join(tempDir(t), 'p.rose-preset.json');
  writeFileSync(presetFile, presetFileText('Anything', 'Be nice.', 'Be mean.'));
  const attempts: [string, string[], RegExp][] = [
    ['importing a preset', ['presets', 'import', presetFile], /Preset editing/],
    [
      'generating with ROSE off',
      ['generate', '--model', await getTinyModel(), '--threads', '1', '--off', 'hi'],
      /ROSE required/,
    ],
    ['reading the audit log', ['audit', 'list'], /needs a parent/],
  ];
  for (const edited of [false, true]) {
    if (edited) editFamilyRecord(folder.dataDir);
    const before = dataSnapshot(folder.dataDir);
    for (const [what, args, rule] of attempts) {
      const logged = auditCounts(folder.dataDir);
      const result = await runRose([...args, '--data-dir', folder.dataDir], env);
      assert.equal(result.code, 2, `${what}: ${result.stderr}`);
      assert.match(result.stderr, rule, what);
      assert.match(result.stderr, /set by a parent/i, what);
      assert.equal(result.stdout, '', what);
      assert.equal(auditCounts(folder.dataDir), logged + 1, `${what} was not logged`);
      assert.deepEqual(dataSnapshot(folder.dataDir), before, `${what} changed stored data`);
    }
  }
  const status = await runRose(['family', 'status', '--json', '--data-dir', folder.dataDir], env);
  assert.equal(JSON.parse(status.stdout).tampered, true);
  const setPin = await runRose(
    ['family', 'set-pin', '--pin-stdin', '--data-dir', folder.dataDir],
    env,
    `${PIN}\n739104\n`,
  );
  assert.equal(setPin.code, 2);
  assert.match(setPin.stderr, /changed outside Rose.*recovery code/);
});

test('local API: child mode refuses the API at start, and every request on one that was already running', {
  timeout: 180_000,
}, async (t) => {
  const folder = await childModeFolder(t);
  await assert.rejects(
    createRose({
      dataDir: folder.dataDir,
      threads: 1,
      log: () => {},
      api: true,
      familyMarkerRoot: folder.markerRoot,
    }),
    (error) =>
      isUserError(error) &&
      error.code === 'policy-denied' &&
      /Local API.*set by a parent/.test(error.message),
  );

  // The API started before child mode: once the parent turns child mode on, it obeys at once.
  const parentFolder = await childModeFolder(t, false);
  const rose = await startRoseOn(t, parentFolder, true);
  assert.ok((await rose.handlers['app:family.unlock']({ pin: PIN })).ok);
  assert.ok((await rose.handlers['app:family.setChildMode']({ on: true })).ok);
  const { server, key } = await serveApi(t, rose, parentFolder.dataDir, tempDir(t));
  const models = await fetch(`${server.apiUrl}/models`, { headers: { authorization: `Bearer ${key}` } });
  const model = ((await models.json()) as { data: { id: string }[] }).data[0]!.id;
  const before = dataSnapshot(parentFolder.dataDir);
  for (const [what, roseOptions, rule] of [
    // Child mode closes the API altogether, so even these are refused by the API rule first.
    ['ROSE off', { enabled: false }, /Local API/],
    ['α below the child floor', { alpha: 0.1 }, /Local API/],
    ['an ordinary question', { alpha: 0.5 }, /Local API/],
  ] as const) {
    const logged = auditCounts(parentFolder.dataDir);
    const response = await fetch(`${server.apiUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model,
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 2,
        rose: roseOptions,
      }),
    });
    assert.equal(response.status, 403, what);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(error.code, 'policy-denied', what);
    assert.match(error.message, rule, what);
    assert.match(error.message, /set by a parent/i, what);
    assert.equal(auditCounts(parentFolder.dataDir), logged + 1, `${what} was not logged`);
    assert.deepEqual(dataSnapshot(parentFolder.dataDir), before, `${what} changed stored data`);
  }
});
