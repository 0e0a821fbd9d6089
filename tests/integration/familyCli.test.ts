import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { databasePath } from '../../main/services/dataDir.js';
import { runRose } from '../support/runCli.js';
import { tempDir } from '../support/tempData.js';

const PIN = '482916';

test('rose family and rose audit: PIN from stdin only, child mode, family values, the audit chain', {
  timeout: 180_000,
}, async (t) => {
  const dataDir = join(tempDir(t), 'data');
  const env = { ROSE_FAMILY_MARKER_DIR: tempDir(t, 'rose-marker-') };
  const rose = (args: string[], input?: string) => runRose([...args, '--data-dir', dataDir], env, input);

  const asArgument = await rose(['family', 'set-pin', '--pin-stdin', PIN], `${PIN}\n`);
  assert.equal(asArgument.code, 2);
  assert.match(asArgument.stderr, /never taken as an argument/);
  const weak = await rose(['family', 'set-pin', '--pin-stdin'], '123456\n');
  assert.equal(weak.code, 2);
  assert.match(weak.stderr, /run of digits/);

  const set = await rose(['family', 'set-pin', '--pin-stdin'], `${PIN}\n`);
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /Recovery code.*\n[2-9A-Z]{5}(-[2-9A-Z]{5}){3}\n/);
  assert.ok(!set.stdout.includes(PIN));

  const on = await rose(['family', 'child', 'on', '--pin-stdin'], `${PIN}\n`);
  assert.equal(on.code, 0, on.stderr);
  const family = await rose(['family', 'set', 'alphaMin', '0.8', '--pin-stdin'], `${PIN}\n`);
  assert.equal(family.code, 0, family.stderr);
  const status = await rose(['family', 'status', '--json']);
  assert.equal(status.code, 0, status.stderr);
  const parsed = JSON.parse(status.stdout);
  assert.equal(parsed.childMode, true);
  assert.equal(parsed.parentSession, false, 'a command never leaves a parent session behind');
  assert.deepEqual(parsed.values, { alphaMin: 0.8 });

  const policy = await rose(['policy', 'show', '--json']);
  const alphaMin = JSON.parse(policy.stdout).settings.find((s: { key: string }) => s.key === 'alphaMin');
  assert.equal(alphaMin.value, 0.8);
  assert.equal(alphaMin.setBy, 'Set by a parent');

  const wrong = await rose(['family', 'child', 'off', '--pin-stdin'], '000001\n');
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /Wrong PIN\. 4 tries left/);
  const noPin = await rose(['family', 'child', 'off']);
  assert.equal(noPin.code, 2);
  assert.match(noPin.stderr, /needs --pin-stdin/);

  // In child mode the audit log is the parent's.
  const childList = await rose(['audit', 'list']);
  assert.equal(childList.code, 2);
  assert.match(childList.stderr, /needs a parent/);
  const list = await rose(['audit', 'list', '--json', '--pin-stdin'], `${PIN}\n`);
  assert.equal(list.code, 0, list.stderr);
  const types = (JSON.parse(list.stdout) as { type: string }[]).map((e) => e.type).reverse();
  assert.deepEqual(types, ['pin.set', 'child-mode.on', 'family.changed', 'pin.failed', 'policy.denied']);

  const verified = await rose(['audit', 'verify', '--json', '--pin-stdin'], `${PIN}\n`);
  assert.equal(verified.code, 0, verified.stderr);
  assert.deepEqual(JSON.parse(verified.stdout), { ok: true, entries: 5, firstBroken: null });
  const cef = await rose(['audit', 'export', '--format', 'cef', '--pin-stdin'], `${PIN}\n`);
  assert.equal(cef.code, 0, cef.stderr);
  assert.equal(cef.stdout.trim().split('\n').length, 5);
  assert.match(cef.stdout, /^CEF:0\|Rose\|Rose\|[^|]+\|pin\.set\|/);

  // An intruder who edits a row by hand (after dropping the guard) is caught at that entry.
  const db = new Database(databasePath(dataDir));
  db.exec('DROP TRIGGER audit_log_no_update');
  db.prepare(`UPDATE audit_log SET detail = '{"key":"alphaMin","value":0}' WHERE seq = 3`).run();
  db.close();
  const broken = await rose(['audit', 'verify', '--pin-stdin'], `${PIN}\n`);
  assert.equal(broken.code, 1);
  assert.match(broken.stdout, /broken at entry 3: it was changed/);
});

test('rose family recover: the recovery code and a new PIN from stdin, once', {
  timeout: 120_000,
}, async (t) => {
  const dataDir = join(tempDir(t), 'data');
  const env = { ROSE_FAMILY_MARKER_DIR: tempDir(t, 'rose-marker-') };
  const rose = (args: string[], input?: string) => runRose([...args, '--data-dir', dataDir], env, input);
  const set = await rose(['family', 'set-pin', '--pin-stdin'], `${PIN}\n`);
  const code = set.stdout.trim().split('\n').at(-1)!;
  assert.equal((await rose(['family', 'child', 'on', '--pin-stdin'], `${PIN}\n`)).code, 0);

  const recovered = await rose(['family', 'recover', '--code-stdin'], `${code}\n739104\n`);
  assert.equal(recovered.code, 0, recovered.stderr);
  assert.match(recovered.stdout, /new PIN is set/);
  assert.equal((await rose(['family', 'child', 'off', '--pin-stdin'], '739104\n')).code, 0);
  const again = await rose(['family', 'recover', '--code-stdin'], `${code}\n951357\n`);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /Wrong recovery code/, 'the old code no longer works');
});
