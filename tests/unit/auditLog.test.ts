import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { type Db, openDatabase } from '../../main/db/database.js';
import { AuditLog } from '../../main/services/audit/auditLog.js';
import { exportAudit } from '../../main/services/audit/auditExport.js';
import { databasePath } from '../../main/services/dataDir.js';
import type { AuditLevel } from '../../shared/policy/declaration.js';
import { tempDir } from '../support/tempData.js';

const ENTRIES = 6;

function auditFixture(t: TestContext, level: AuditLevel = 'metadata') {
  const dataDir = tempDir(t);
  const db = openDatabase(databasePath(dataDir));
  t.after(() => db.close());
  let clock = 1_000;
  const log = new AuditLog({
    dataDir,
    withDb: (work) => work(db),
    level: () => level,
    now: () => clock++,
    onError: (message) => assert.fail(message),
  });
  return { dataDir, db, log };
}

function fill(log: AuditLog) {
  for (let i = 1; i <= ENTRIES; i++)
    log.record({
      type: 'policy.denied',
      actor: 'user',
      transport: 'cli',
      detail: { rule: 'alphaMin', n: i },
      content: { prompt: `prompt ${i}` },
    });
}

/** What an intruder with SQL access does first: remove the append-only triggers. */
function dropGuards(db: Db) {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

test('the chain verifies, and SQL cannot change or delete entries', (t) => {
  const { db, log } = auditFixture(t);
  assert.deepEqual(log.verify(), { ok: true, entries: 0, firstBroken: null });
  fill(log);
  assert.deepEqual(log.verify(), { ok: true, entries: ENTRIES, firstBroken: null });
  assert.throws(() => db.prepare("UPDATE audit_log SET detail = '{}' WHERE seq = 2").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run(), /append-only/);
  const newest = log.list(2);
  assert.deepEqual(
    newest.map((e) => e.seq),
    [ENTRIES, ENTRIES - 1],
  );
  assert.equal(newest[0]!.detail.n, ENTRIES);
  assert.equal(newest[0]!.content, null, 'no text at level metadata');
});

test('level off records nothing; level content keeps the text', (t) => {
  const off = auditFixture(t, 'off');
  fill(off.log);
  assert.equal(off.log.verify().entries, 0);
  const content = auditFixture(t, 'content');
  fill(content.log);
  assert.deepEqual(content.log.list(1)[0]!.content, { prompt: `prompt ${ENTRIES}` });
  assert.equal(content.log.verify().ok, true);
});

for (let target = 1; target <= ENTRIES; target++) {
  test(`editing entry ${target} is reported at entry ${target}`, (t) => {
    const { db, log } = auditFixture(t);
    fill(log);
    dropGuards(db);
    db.prepare(`UPDATE audit_log SET detail = '{"rule":"none"}' WHERE seq = ?`).run(target);
    assert.equal(log.verify().firstBroken?.seq, target);
  });

  test(`deleting entry ${target} is reported at entry ${target}`, (t) => {
    const { db, log } = auditFixture(t);
    fill(log);
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE seq = ?').run(target);
    const report = log.verify();
    assert.equal(report.ok, false);
    assert.equal(report.firstBroken?.seq, target, report.firstBroken?.problem);
  });
}

for (const [a, b] of [
  [1, 2],
  [2, 5],
  [5, 6],
]) {
  test(`swapping entries ${a} and ${b} is reported at entry ${a}`, (t) => {
    const { db, log } = auditFixture(t);
    fill(log);
    dropGuards(db);
    // Swap the rows' places (their ids) so they are read in the other order.
    db.transaction(() => {
      db.prepare('UPDATE audit_log SET id = -1 WHERE seq = ?').run(a);
      db.prepare('UPDATE audit_log SET id = ? WHERE seq = ?').run(a, b);
      db.prepare('UPDATE audit_log SET id = ? WHERE seq = ?').run(b, a);
    })();
    assert.equal(log.verify().firstBroken?.seq, a);
  });
}

test('renumbering entries after a deletion is caught by the MACs, at the deleted place', (t) => {
  const { db, log } = auditFixture(t);
  fill(log);
  dropGuards(db);
  db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
  db.prepare('UPDATE audit_log SET seq = seq - 1 WHERE seq > 3').run();
  assert.equal(log.verify().firstBroken?.seq, 3);
});

test('a missing key file or chain head is reported, not passed', (t) => {
  const { db, log, dataDir } = auditFixture(t);
  fill(log);
  db.prepare('DELETE FROM audit_chain').run();
  assert.equal(log.verify().firstBroken?.seq, ENTRIES + 1);
  rmSync(join(dataDir, 'rose.key'));
  assert.equal(log.verify().ok, false);
});

test('exports: jsonl round-trips, csv quotes and defuses formulas, cef escapes separators', (t) => {
  const { log } = auditFixture(t, 'content');
  log.record({
    type: 'family.changed',
    actor: 'parent',
    detail: { key: 'orgName', value: '=HYPERLINK("x")|a=b' },
    content: null,
  });
  const entries = log.all();
  const jsonl = exportAudit(entries, 'jsonl', '1.0');
  assert.deepEqual(JSON.parse(jsonl.trim()), entries[0]);
  const csv = exportAudit(entries, 'csv', '1.0').split('\n');
  assert.equal(csv[0], 'seq,at,type,actor,transport,detail,content');
  assert.match(csv[1]!, /^1,[^,]+,family\.changed,parent,,"\{""key""/);
  const cef = exportAudit(entries, 'cef', '1.0');
  assert.match(cef, /^CEF:0\|Rose\|Rose\|1\.0\|family\.changed\|family\.changed\|3\|rt=\d+ suser=parent/);
  // In extensions `=` and `\` are escaped; JSON's own `\"` becomes `\\"`.
  assert.ok(cef.includes('cs1={"key":"orgName","value":"\\=HYPERLINK(\\\\"x\\\\")|a\\=b"}'), cef);
});
