import type { FamilyStatus } from '../../../shared/contract/family.js';
import { UserError } from '../../../shared/errors.js';
import { isPolicyKey, settingOf } from '../../../shared/policy/declaration.js';
import type { FamilyState } from '../../../shared/policy/merge.js';
import { hasFamilyMarker, setFamilyMarker } from '../../db/familyRepo.js';
import type { WithDb } from '../audit/auditLog.js';
import type { AuditEntryInput, AuditSink } from '../audit/auditTypes.js';
import { dataKeys } from '../keyFile.js';
import {
  type FamilyRecord,
  readFamilyRecord,
  readMarker,
  writeFamilyRecord,
  writeMarker,
} from './familyRecord.js';
import { FREE_ATTEMPTS, lockoutMsAfter } from './lockout.js';
import { ParentSession } from './parentSession.js';
import { checkNewSecret } from './pinRules.js';
import { newRecoveryCode, normaliseRecoveryCode } from './recoveryCode.js';
import { hashSecret, type SecretHash, secretMatches } from './secretHash.js';

export type DbMarker = { has(): boolean; set(at: number): void };

/** The marker in an open database. */
export function dbMarkerOf(withDb: WithDb): DbMarker {
  return {
    has: () => withDb((db) => hasFamilyMarker(db)),
    set: (at) => withDb((db) => setFamilyMarker(db, at)),
  };
}

/** Wall clock (may jump) and a monotonic clock (ms, only meaningful within one process). */
export type FamilyClock = { now(): number; monotonic(): number };
export const systemClock: FamilyClock = { now: () => Date.now(), monotonic: () => performance.now() };

export type FamilyServiceOptions = {
  dataDir: string;
  /** The database's "a PIN was set" marker (one of two; the other lives outside the data folder). */
  dbMarker: DbMarker;
  audit: AuditSink;
  clock?: FamilyClock;
  /** Where the marker outside the data folder lives; default ROSE_FAMILY_MARKER_DIR or ~/.rose-family. */
  markerRoot?: string;
  transport?: AuditEntryInput['transport'];
};

/** What the record says now: no family lock, a trusted record, or one that cannot be trusted. */
type Read = { kind: 'none' } | { kind: 'ok'; record: FamilyRecord } | { kind: 'tampered'; problem: string };

/** The code of a request that needs the parent: the same refusal as every other policy rule. */
const PARENT_REQUIRED = 'policy-denied';

/**
 * The family lock: the parent's PIN (scrypt-hashed), wrong-attempt lockouts that survive restarts
 * and clock changes, the one-time recovery code, the parent session, child mode and the parent's
 * own policy values. Everything is decided here, in the main process; windows only ask.
 */
export class FamilyService {
  private readonly clock: FamilyClock;
  private readonly session: ParentSession;
  private everSet = false;
  /** The monotonic end of the lockout this process has seen, so a clock set forward cannot end it. */
  private monoLock: { lockedUntil: number; until: number } | null = null;
  /** Wrong recovery codes while the record cannot be trusted (nowhere trusted to count them). */
  private untrustedFailures = 0;

  constructor(private readonly options: FamilyServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.session = new ParentSession(() => this.clock.monotonic());
  }

  /** For the policy merge: child mode (suspended while a parent is unlocked), tampering, values. */
  state(): FamilyState {
    const read = this.read();
    if (read.kind === 'none') return { childMode: false, tampered: false, values: {} };
    if (read.kind === 'tampered') return { childMode: true, tampered: true, values: {} };
    return {
      childMode: read.record.childMode && !this.session.active(),
      tampered: false,
      values: read.record.values,
    };
  }

  status(): FamilyStatus {
    const read = this.read();
    const record = read.kind === 'ok' ? read.record : null;
    const lock = record ? this.lockRemaining(record) : 0;
    return {
      pinSet: record?.secret != null || read.kind === 'tampered',
      childMode: read.kind === 'tampered' || (record?.childMode ?? false),
      tampered: read.kind === 'tampered',
      parentSession: this.session.active(),
      lockedOutUntil: lock > 0 ? new Date(this.clock.now() + lock).toISOString() : null,
      attemptsLeft: record ? Math.max(0, FREE_ATTEMPTS - record.attempts.failures) : FREE_ATTEMPTS,
      recoveryAvailable: record ? record.recovery !== null : read.kind === 'tampered',
      values: record?.values ?? {},
    };
  }

  /** True while a parent is unlocked; each call counts as parent activity. */
  parentActive(): boolean {
    return this.session.touch();
  }

  /** True once a PIN was ever set for this data folder (a missing record is then tampering). */
  pinEverSet(): boolean {
    if (this.everSet) return true;
    const marked =
      this.options.dbMarker.has() || readMarker(this.options.dataDir, this.options.markerRoot) !== null;
    this.everSet = marked;
    return marked;
  }

  /** Refuse unless a parent session is open (or no PIN exists yet, so there is no parent to ask). */
  requireParent(what: string): void {
    const read = this.read();
    if (read.kind === 'none' || (read.kind === 'ok' && read.record.secret === null && !read.record.childMode))
      return;
    if (this.session.touch()) return;
    this.record('policy.denied', 'user', { rule: 'parentSession', what, setBy: 'Set by a parent' });
    throw new UserError(
      PARENT_REQUIRED,
      `Refused: ${what} needs a parent. Set by a parent: unlock with the parent PIN first.`,
    );
  }

  async setPin(pin: string, currentPin?: string): Promise<{ recoveryCode: string }> {
    checkNewSecret(pin);
    const read = this.read();
    if (read.kind === 'tampered')
      throw new UserError(
        'family-locked',
        'The family record was changed outside Rose, so Rose is locked. Use the recovery code first (rose family recover).',
      );
    const existing = read.kind === 'ok' ? read.record : null;
    const changing = existing?.secret != null;
    if (changing && !this.session.touch()) {
      if (currentPin === undefined) this.requireParent('changing the PIN');
      else await this.checkSecret(currentPin);
    }
    const recoveryCode = newRecoveryCode();
    const [secret, recovery] = await Promise.all([
      hashSecret(pin),
      hashSecret(normaliseRecoveryCode(recoveryCode)),
    ]);
    const now = this.clock.now();
    const record: FamilyRecord = {
      version: 1,
      secret,
      recovery,
      childMode: existing?.childMode ?? false,
      values: existing?.values ?? {},
      attempts: { failures: 0, lockedUntil: 0, lastSeen: Math.max(now, existing?.attempts.lastSeen ?? 0) },
    };
    this.write(record);
    this.options.dbMarker.set(now);
    writeMarker(
      this.options.dataDir,
      { dataDir: this.options.dataDir, pinSetAt: now, recovery },
      this.options.markerRoot,
    );
    this.everSet = true;
    this.session.open();
    this.record(changing ? 'pin.changed' : 'pin.set', 'parent', {});
    return { recoveryCode };
  }

  async unlock(pin: string): Promise<FamilyStatus> {
    await this.checkSecret(pin);
    this.session.open();
    return this.status();
  }

  lock(): FamilyStatus {
    this.session.close();
    return this.status();
  }

  setChildMode(on: boolean): FamilyStatus {
    this.requireParent(on ? 'turning child mode on' : 'turning child mode off');
    const record = this.trusted();
    if (on && record.secret === null)
      throw new UserError(
        'no-pin',
        'Set a parent PIN first: without one, child mode could not be turned off again.',
      );
    this.write({ ...record, childMode: on });
    this.record(on ? 'child-mode.on' : 'child-mode.off', 'parent', {});
    // Turning child mode on hands Rose to the child: the parent session ends with it.
    if (on) this.session.close();
    return this.status();
  }

  set(key: string, value: unknown): FamilyStatus {
    this.requireParent('changing family settings');
    if (!isPolicyKey(key))
      throw new UserError(
        'bad-key',
        `${key} is not a Rose policy setting (see rose policy show for the keys).`,
      );
    const record = this.trusted();
    const values = { ...record.values };
    if (value === undefined) delete values[key];
    else {
      const parsed = settingOf(key).schema.safeParse(value);
      if (!parsed.success)
        throw new UserError('bad-value', `${key}: ${parsed.error.issues[0]?.message ?? 'invalid value'}.`);
      values[key] = parsed.data;
    }
    this.write({ ...record, values });
    this.record('family.changed', 'parent', { key, value: value ?? null });
    return this.status();
  }

  async recover(code: string): Promise<FamilyStatus> {
    const typed = normaliseRecoveryCode(code);
    const read = this.read();
    if (read.kind === 'none')
      throw new UserError('no-pin', 'No parent PIN is set, so there is nothing to recover.');
    if (read.kind === 'ok') {
      const { record } = read;
      if (record.recovery === null)
        throw new UserError(
          'recovery-used',
          'The recovery code was already used. A parent can set a new PIN.',
        );
      this.refuseWhileLocked(record);
      if (!(await secretMatches(typed, record.recovery))) return this.failed(this.trusted(), 'recovery code');
      this.write({ ...this.trusted(), recovery: null, attempts: this.clearedAttempts(record) });
      this.markRecoveryUsed();
    } else {
      const marker = readMarker(this.options.dataDir, this.options.markerRoot);
      const recovery = marker && marker !== 'unreadable' ? marker.recovery : null;
      if (recovery === null)
        throw new UserError(
          'recovery-unavailable',
          'The family record was altered and no unused recovery code is on record. See "For parents" in the README.',
        );
      if (
        this.untrustedFailures >= FREE_ATTEMPTS &&
        this.monoLock &&
        this.clock.monotonic() < this.monoLock.until
      )
        throw lockedOut(this.monoLock.until - this.clock.monotonic());
      if (!(await secretMatches(typed, recovery))) {
        this.untrustedFailures++;
        const ms = lockoutMsAfter(this.untrustedFailures);
        if (ms > 0) this.monoLock = { lockedUntil: -1, until: this.clock.monotonic() + ms };
        this.record('pin.failed', 'user', { what: 'recovery code', failures: this.untrustedFailures });
        throw new UserError('pin-wrong', 'That recovery code is not right.');
      }
      // A fresh record: the old values cannot be trusted. The parent sets a new PIN next.
      const now = this.clock.now();
      this.write({
        version: 1,
        secret: null,
        recovery: null,
        childMode: false,
        values: {},
        attempts: { failures: 0, lockedUntil: 0, lastSeen: now },
      });
      this.markRecoveryUsed();
      this.untrustedFailures = 0;
    }
    this.session.open();
    this.record('pin.recovered', 'parent', { tampered: read.kind === 'tampered' });
    return this.status();
  }

  private read(): Read {
    const read = readFamilyRecord(this.options.dataDir);
    if (read.status === 'ok') return { kind: 'ok', record: read.record };
    if (read.status === 'altered') return { kind: 'tampered', problem: read.problem };
    return this.pinEverSet()
      ? { kind: 'tampered', problem: 'the family record is missing' }
      : { kind: 'none' };
  }

  private trusted(): FamilyRecord {
    const read = this.read();
    if (read.kind === 'tampered')
      throw new UserError('family-locked', `Rose is locked: ${read.problem}. Use the recovery code.`);
    if (read.kind === 'ok') return read.record;
    const now = this.clock.now();
    return {
      version: 1,
      secret: null,
      recovery: null,
      childMode: false,
      values: {},
      attempts: { failures: 0, lockedUntil: 0, lastSeen: now },
    };
  }

  private write(record: FamilyRecord): void {
    const lastSeen = Math.max(record.attempts.lastSeen, this.clock.now());
    writeFamilyRecord(this.options.dataDir, dataKeys(this.options.dataDir).familyKey, {
      ...record,
      attempts: { ...record.attempts, lastSeen },
    });
  }

  private markRecoveryUsed(): void {
    const marker = readMarker(this.options.dataDir, this.options.markerRoot);
    if (marker && marker !== 'unreadable')
      writeMarker(this.options.dataDir, { ...marker, recovery: null }, this.options.markerRoot);
  }

  /** Check the PIN against the record, counting a wrong one (and locking out after the free ones). */
  private async checkSecret(secret: string): Promise<void> {
    const read = this.read();
    if (read.kind === 'tampered')
      throw new UserError('family-locked', `Rose is locked: ${read.problem}. Use the recovery code.`);
    if (read.kind === 'none' || read.record.secret === null)
      throw new UserError('no-pin', 'No parent PIN is set yet. Set one first (rose family set-pin).');
    this.refuseWhileLocked(read.record);
    const stored: SecretHash = read.record.secret;
    if (await secretMatches(secret, stored)) {
      // Read again: another process may have written since (the hash takes a moment).
      const record = this.trusted();
      if (record.attempts.failures > 0 || record.attempts.lockedUntil > 0)
        this.write({ ...record, attempts: this.clearedAttempts(record) });
      return;
    }
    this.failed(this.trusted(), 'PIN');
  }

  private failed(record: FamilyRecord, what: string): never {
    const now = Math.max(this.clock.now(), record.attempts.lastSeen);
    const failures = record.attempts.failures + 1;
    const ms = lockoutMsAfter(failures);
    const lockedUntil = ms > 0 ? now + ms : 0;
    this.write({ ...record, attempts: { failures, lockedUntil, lastSeen: now } });
    this.monoLock = ms > 0 ? { lockedUntil, until: this.clock.monotonic() + ms } : null;
    this.record('pin.failed', 'user', { what, failures });
    if (ms > 0) {
      this.record('pin.lockout', 'system', { minutes: ms / 60_000, failures });
      throw lockedOut(ms);
    }
    const left = FREE_ATTEMPTS - failures;
    throw new UserError(
      'pin-wrong',
      `Wrong ${what}. ${left} ${left === 1 ? 'try' : 'tries'} left before a lockout.`,
    );
  }

  private clearedAttempts(record: FamilyRecord): FamilyRecord['attempts'] {
    return { failures: 0, lockedUntil: 0, lastSeen: Math.max(this.clock.now(), record.attempts.lastSeen) };
  }

  private refuseWhileLocked(record: FamilyRecord): void {
    const remaining = this.lockRemaining(record);
    if (remaining > 0) throw lockedOut(remaining);
  }

  /**
   * How long the lockout still runs (ms). The wall clock is never believed when it is behind the
   * latest time seen (set back: the monotonic clock decides), and the monotonic end this process
   * noted is kept even if the wall clock jumps forward. A restart can only make it longer.
   */
  private lockRemaining(record: FamilyRecord): number {
    const { lockedUntil, lastSeen } = record.attempts;
    if (lockedUntil <= 0) return 0;
    const now = this.clock.now();
    const wall = lockedUntil - Math.max(now, lastSeen);
    if (this.monoLock?.lockedUntil !== lockedUntil && wall > 0)
      this.monoLock = { lockedUntil, until: this.clock.monotonic() + wall };
    const mono =
      this.monoLock?.lockedUntil === lockedUntil ? this.monoLock.until - this.clock.monotonic() : 0;
    return Math.max(0, now < lastSeen ? mono : Math.max(wall, mono));
  }

  private record(
    type: AuditEntryInput['type'],
    actor: AuditEntryInput['actor'],
    detail: Record<string, unknown>,
  ) {
    this.options.audit.record({ type, actor, transport: this.options.transport ?? null, detail });
  }
}

function lockedOut(ms: number): UserError {
  const minutes = Math.ceil(ms / 60_000);
  return new UserError(
    'pin-locked-out',
    `Too many wrong PINs. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
  );
}
