import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../../shared/errors.js';

/** The data folder's key file: the audit chain's first key and the family record's MAC key. */
export const KEY_FILE = 'rose.key';

const keyFileSchema = z.strictObject({
  version: z.literal(1),
  /** k₀ of the audit chain; `rose audit verify` ratchets forward from it. */
  auditAnchor: z.base64(),
  /** The key the family record is MACed with. */
  familyKey: z.base64(),
});

export type DataKeys = { auditAnchor: Buffer; familyKey: Buffer };

export function keyFilePath(dataDir: string): string {
  return join(dataDir, KEY_FILE);
}

/** The keys, or null when the file does not exist. A damaged file is an error (never replaced). */
export function readDataKeys(dataDir: string): DataKeys | null {
  let text: string;
  try {
    text = readFileSync(keyFilePath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: z.infer<typeof keyFileSchema>;
  try {
    parsed = keyFileSchema.parse(JSON.parse(text));
  } catch {
    throw new UserError(
      'key-file-damaged',
      `${keyFilePath(dataDir)} is damaged; the audit log and the family lock cannot be checked without it.`,
    );
  }
  return {
    auditAnchor: Buffer.from(parsed.auditAnchor, 'base64'),
    familyKey: Buffer.from(parsed.familyKey, 'base64'),
  };
}

/**
 * The keys, creating the file (owner-only) on first use. Created with `wx` so two processes
 * starting at once agree on one file: the loser reads the winner's.
 */
export function dataKeys(dataDir: string): DataKeys {
  const existing = readDataKeys(dataDir);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  const keys = { auditAnchor: randomBytes(32), familyKey: randomBytes(32) };
  const text = JSON.stringify({
    version: 1,
    auditAnchor: keys.auditAnchor.toString('base64'),
    familyKey: keys.familyKey.toString('base64'),
  });
  try {
    writeFileSync(keyFilePath(dataDir), `${text}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(keyFilePath(dataDir), 0o600);
    return keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readDataKeys(dataDir) as DataKeys;
    throw error;
  }
}
