import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { readDataKeys } from '../keyFile.js';
import { secretHashSchema } from './secretHash.js';

/** The family lock's record in the data folder, MACed with the key file's family key. */
export const FAMILY_FILE = 'family.json';

const recordSchema = z.strictObject({
  version: z.literal(1),
  /** The parent's PIN or passphrase; null after a recovery, until a new one is set. */
  secret: secretHashSchema.nullable(),
  /** The one-time recovery code; null once used. */
  recovery: secretHashSchema.nullable(),
  childMode: z.boolean(),
  /** The parent's own policy values (validated by the declaration when set; may only tighten). */
  values: z.record(z.string(), z.unknown()),
  attempts: z.strictObject({
    /** Wrong attempts in a row. */
    failures: z.int().min(0),
    /** Wall-clock ms until which attempts are refused. */
    lockedUntil: z.number(),
    /** The latest wall-clock time Rose has seen: a clock set back does not shorten a lockout. */
    lastSeen: z.number(),
  }),
});
export type FamilyRecord = z.infer<typeof recordSchema>;

const storedSchema = z.strictObject({ record: recordSchema, mac: z.string() });

export type RecordRead =
  | { status: 'absent' }
  | { status: 'ok'; record: FamilyRecord }
  /** The file is there but cannot be trusted: damaged, edited, or its key is gone. */
  | { status: 'altered'; problem: string };

export function familyFilePath(dataDir: string): string {
  return join(dataDir, FAMILY_FILE);
}

function mac(key: Buffer, record: FamilyRecord): string {
  return createHmac('sha256', key).update(JSON.stringify(record)).digest('hex');
}

export function readFamilyRecord(dataDir: string): RecordRead {
  let text: string;
  try {
    text = readFileSync(familyFilePath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'absent' };
    return { status: 'altered', problem: `the family record cannot be read: ${(error as Error).message}` };
  }
  let stored: z.infer<typeof storedSchema>;
  try {
    stored = storedSchema.parse(JSON.parse(text));
  } catch {
    return { status: 'altered', problem: 'the family record is damaged' };
  }
  let keys: ReturnType<typeof readDataKeys>;
  try {
    keys = readDataKeys(dataDir);
  } catch {
    keys = null;
  }
  if (!keys)
    return { status: 'altered', problem: "the family record's key (rose.key) is missing or damaged" };
  const expected = Buffer.from(mac(keys.familyKey, stored.record));
  const actual = Buffer.from(stored.mac);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    return { status: 'altered', problem: 'the family record was changed outside Rose' };
  return { status: 'ok', record: stored.record };
}

export function writeFamilyRecord(dataDir: string, familyKey: Buffer, record: FamilyRecord): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileAtomic.sync(
    familyFilePath(dataDir),
    `${JSON.stringify({ record, mac: mac(familyKey, record) }, null, 2)}\n`,
    { mode: 0o600 },
  );
}

export function removeFamilyRecord(dataDir: string): void {
  rmSync(familyFilePath(dataDir), { force: true });
}

/**
 * A second marker that a PIN was set, outside the data folder (the database keeps the first),
 * holding a copy of the recovery code's hash: deleting the whole data folder still leaves Rose
 * locked, and the parent's recovery code still opens it.
 */
const markerSchema = z.strictObject({
  dataDir: z.string(),
  pinSetAt: z.number(),
  recovery: secretHashSchema.nullable(),
});
export type FamilyMarker = z.infer<typeof markerSchema>;

/** Where markers live: ROSE_FAMILY_MARKER_DIR, else `~/.rose-family`. */
export function markerRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.ROSE_FAMILY_MARKER_DIR || join(homedir(), '.rose-family');
}

export function markerPath(dataDir: string, root = markerRoot()): string {
  const name = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 32);
  return join(root, `${name}.json`);
}

/** The marker; `unreadable` when a file is there but is not a valid marker (it still counts). */
export function readMarker(dataDir: string, root?: string): FamilyMarker | 'unreadable' | null {
  let text: string;
  try {
    text = readFileSync(markerPath(dataDir, root), 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : 'unreadable';
  }
  const parsed = markerSchema.safeParse(safeJson(text));
  return parsed.success ? parsed.data : 'unreadable';
}

export function writeMarker(dataDir: string, marker: FamilyMarker, root?: string): void {
  const path = markerPath(dataDir, root);
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  writeFileAtomic.sync(path, `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
