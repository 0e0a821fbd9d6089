import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { openDatabase } from '../../main/db/database.js';
import type { AuditEntryInput } from '../../main/services/audit/auditTypes.js';
import { databasePath } from '../../main/services/dataDir.js';
import { childUsage, USAGE_BLOCK_MINUTES } from '../../main/services/family/childUsage.js';
import { familyFilePath } from '../../main/services/family/familyRecord.js';
import { dbMarkerOf, type FamilyClock, FamilyService } from '../../main/services/family/familyService.js';
import { FREE_ATTEMPTS, LOCKOUT_MINUTES } from '../../main/services/family/lockout.js';
import { PARENT_IDLE_MS } from '../../main/services/family/parentSession.js';
import { secretProblem } from '../../main/services/family/pinRules.js';
import { SALT_BYTES, SCRYPT_PARAMS } from '../../main/services/family/secretHash.js';
import { isUserError } from '../../shared/errors.js';
import { tempDir } from '../support/tempData.js';

const PIN = '482916';
const MINUTE = 60_000;

/** A clock the test moves by hand: the wall clock can jump either way, the monotonic one only runs. */
function fakeClock(): FamilyClock & { advance(ms: number): void; setWall(ms: number): void } {
  let wall = Date.UTC(2026, 0, 10, 12);
  let mono = 1_000;
  return {
    now: () => wall,
    monotonic: () => mono,
    advance(ms) {
      wall += ms;
      mono += ms;
    },
    setWall(ms) {
      wall = ms;
    },
  };
}

/** A data folder and a way to start "Rose" on it again (a restart: new service, new monotonic clock). */
function familyFixture(t: TestContext) {
  const dataDir = tempDir(t);
  const markerRoot = tempDir(t, 'rose-marker-');
  const db = openDatabase(databasePath(dataDir));
  t.after(() => db.close());
  const audit: AuditEntryInput[] = [];
  const start = (clock: FamilyClock) =>
    new FamilyService({
      dataDir,
      markerRoot,
      clock,
      dbMarker: dbMarkerOf((work) => work(db)),
      audit: { record: (entry) => audit.push(entry) },
    });
  return { dataDir, markerRoot, db, audit, start };
}

async function rejectsWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (error) => isUserError(error) && error.code === code);
}

test('weak PINs are refused; good PINs and passphrases pass', () => {
  for (const weak of [
    '12345',
    '000000',
    '111111',
    '123456',
    '654321',
    '890123',
    '121212',
    '123123',
    '112233',
    'short pass',
  ])
    assert.notEqual(secretProblem(weak), null, weak);
  for (const good of ['482916', '90817263', 'correct horse battery'])
    assert.equal(secretProblem(good), null, good);
});

test('the PIN is stored with scrypt N=2^17 r=8 p=1 and a 16-byte salt, never in clear', {
  timeout: 60_000,
}, async (t) => {
  const { dataDir, start } = familyFixture(t);
  const family = start(fakeClock());
  await family.setPin(PIN);
  const text = readFileSync(familyFilePath(dataDir), 'utf8');
  assert.ok(!text.includes(PIN));
  const { secret } = JSON.parse(text).record;
  assert.deepEqual({ N: secret.N, r: secret.r, p: secret.p }, SCRYPT_PARAMS);
  assert.equal(SCRYPT_PARAMS.N, 2 ** 17);
  assert.equal(Buffer.from(secret.salt, 'base64').length, SALT_BYTES);
  assert.equal(SALT_BYTES, 16);
});

test('5 free wrong PINs, then lockouts of 1, 5, 15 and 60 minutes', { timeout: 120_000 }, async (t) => {
  const { start, audit } = familyFixture(t);
  const clock = fakeClock();
  const family = start(clock);
  await family.setPin(PIN);
  family.lock();
  for (let i = 1; i < FREE_ATTEMPTS; i++) await rejectsWith(family.unlock('000001'), 'pin-wrong');
  for (const minutes of LOCKOUT_MINUTES) {
    await rejectsWith(family.unlock('000001'), 'pin-locked-out');
    // Even the right PIN is refused while locked out.
    clock.advance(minutes * MINUTE - 1_000);
    await rejectsWith(family.unlock(PIN), 'pin-locked-out');
    clock.advance(1_000);
  }
  assert.equal(audit.filter((e) => e.type === 'pin.lockout').length, LOCKOUT_MINUTES.length);
  await family.unlock(PIN);
  assert.equal(family.status().parentSession, true);
  assert.equal(family.status().attemptsLeft, FREE_ATTEMPTS, 'the right PIN clears the count');
});

test('a lockout survives a restart and a clock set back or forward', { timeout: 120_000 }, async (t) => {
  const { start } = familyFixture(t);
  const clock = fakeClock();
  const first = start(clock);
  await first.setPin(PIN);
  first.lock();
  for (let i = 1; i <= FREE_ATTEMPTS; i++) await first.unlock('000001').catch(() => {});
  assert.notEqual(first.status().lockedOutUntil, null);

  // Restart with the wall clock set back a day: still locked for the minute.
  const backClock = fakeClock();
  backClock.setWall(clock.now() - 24 * 60 * MINUTE);
  const second = start(backClock);
  assert.equal(second.status().parentSession, false);
  await rejectsWith(second.unlock(PIN), 'pin-locked-out');
  backClock.advance(MINUTE - 1_000);
  await rejectsWith(second.unlock(PIN), 'pin-locked-out');
  // The wall clock jumping an hour ahead does not end it early either.
  backClock.setWall(clock.now() + 60 * MINUTE);
  await rejectsWith(second.unlock(PIN), 'pin-locked-out');
  backClock.advance(1_000);
  await second.unlock(PIN);
});

test('the recovery code works once', { timeout: 60_000 }, async (t) => {
  const { start } = familyFixture(t);
  const family = start(fakeClock());
  const { recoveryCode } = await family.setPin(PIN);
  family.lock();
  await rejectsWith(family.recover('AAAAA-AAAAA-AAAAA-AAAAA'), 'pin-wrong');
  await family.recover(recoveryCode.toLowerCase());
  assert.equal(family.status().parentSession, true);
  assert.equal(family.status().recoveryAvailable, false);
  family.lock();
  await rejectsWith(family.recover(recoveryCode), 'recovery-used');
  assert.equal(family.status().parentSession, false);
});

test('the parent session ends after 5 idle minutes; parent actions keep it open', {
  timeout: 60_000,
}, async (t) => {
  const { start } = familyFixture(t);
  const clock = fakeClock();
  const family = start(clock);
  await family.setPin(PIN);
  clock.advance(PARENT_IDLE_MS - 1_000);
  family.set('dailyLimitMinutes', 60);
  clock.advance(PARENT_IDLE_MS - 1_000);
  assert.equal(family.status().parentSession, true);
  clock.advance(1_000);
  assert.equal(family.status().parentSession, false);
  assert.throws(
    () => family.set('dailyLimitMinutes', 30),
    (e) => isUserError(e) && e.code === 'policy-denied',
  );
});

test('child mode needs a parent; turning it on ends the session; the state reaches the policy', {
  timeout: 60_000,
}, async (t) => {
  const { start, audit } = familyFixture(t);
  const family = start(fakeClock());
  await family.setPin(PIN);
  family.set('alphaMin', 0.7);
  family.setChildMode(true);
  assert.deepEqual(family.state(), { childMode: true, tampered: false, values: { alphaMin: 0.7 } });
  assert.throws(
    () => family.setChildMode(false),
    (e) => isUserError(e) && e.code === 'policy-denied',
  );
  assert.ok(audit.some((e) => e.type === 'policy.denied'));
  await family.unlock(PIN);
  assert.equal(family.state().childMode, false, 'a parent at the keyboard suspends child mode');
  family.setChildMode(false);
  assert.deepEqual(
    audit.map((e) => e.type).filter((type) => type !== 'policy.denied'),
    ['pin.set', 'family.changed', 'child-mode.on', 'child-mode.off'],
  );
});

test('an edited or missing family record starts Rose locked in child mode, and the recovery code opens it', {
  timeout: 60_000,
}, async (t) => {
  const { dataDir, start } = familyFixture(t);
  const family = start(fakeClock());
  const { recoveryCode } = await family.setPin(PIN);
  family.setChildMode(true);

  const file = familyFilePath(dataDir);
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  stored.record.childMode = false;
  writeFileSync(file, JSON.stringify(stored));
  const edited = start(fakeClock());
  assert.deepEqual(edited.state(), { childMode: true, tampered: true, values: {} });
  await rejectsWith(edited.unlock(PIN), 'family-locked');

  rmSync(file);
  const missing = start(fakeClock());
  assert.equal(missing.state().tampered, true);
  rmSync(join(dataDir, 'rose.key'));
  assert.equal(start(fakeClock()).state().tampered, true);

  await missing.recover(recoveryCode);
  assert.deepEqual(missing.state(), { childMode: false, tampered: false, values: {} });
  await missing.setPin('739104');
  assert.equal(missing.status().pinSet, true);
});

test('the marker outside the data folder alone keeps Rose locked when the database is gone', {
  timeout: 60_000,
}, async (t) => {
  const { dataDir, markerRoot, start } = familyFixture(t);
  await start(fakeClock()).setPin(PIN);
  rmSync(familyFilePath(dataDir));
  const fresh = new FamilyService({
    dataDir,
    markerRoot,
    clock: fakeClock(),
    dbMarker: { has: () => false, set() {} },
    audit: { record() {} },
  });
  assert.equal(fresh.state().tampered, true);
});

test("a child's use is counted per block of the local day, each block once", (t) => {
  const { db } = familyFixture(t);
  const usage = childUsage((work) => work(db));
  const at = (day: number, hour: number, minute: number) => new Date(2026, 0, day, hour, minute);
  usage.mark(at(10, 12, 1));
  usage.mark(at(10, 12, 4));
  assert.equal(usage.minutesOn(at(10, 23, 0)), USAGE_BLOCK_MINUTES);
  usage.mark(at(10, 12, 5));
  assert.equal(usage.minutesOn(at(10, 8, 0)), 2 * USAGE_BLOCK_MINUTES);
  assert.equal(usage.minutesOn(at(11, 8, 0)), 0, 'a new day starts at zero');
});
