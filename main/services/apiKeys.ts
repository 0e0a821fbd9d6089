import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UserError } from '../../shared/errors.js';

/**
 * Keys for the local OpenAI-compatible API. A key is 32 random bytes, shown once; only its
 * SHA-256 is stored (a key this long cannot be guessed, so a slow hash like the PIN's scrypt adds
 * nothing). The file lives in the data folder, written atomically.
 */
export type ApiKeyRecord = {
  id: string;
  name: string;
  sha256: string;
  createdAt: string;
  revokedAt: string | null;
};

/** Every key starts with this, so a leaked one is recognisable (as `sk-` is for OpenAI's). */
export const API_KEY_PREFIX = 'rose-';
const FILE_NAME = 'api-keys.json';
/** The key `rose serve --api` makes at each start; the one before it is revoked then. */
export const SERVE_KEY_NAME = 'rose serve';

export class ApiKeys {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, FILE_NAME);
  }

  list(): ApiKeyRecord[] {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
      return Array.isArray(parsed) ? (parsed as ApiKeyRecord[]) : [];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new UserError(
        'api-keys-unreadable',
        `The API key file ${this.path} cannot be read (${(error as Error).message}). Remove it and create new keys with 'rose api-key new'.`,
      );
    }
  }

  /** A new key: the secret is returned once and never stored. */
  create(name: string): { record: ApiKeyRecord; key: string } {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const record: ApiKeyRecord = {
      id: randomUUID().slice(0, 8),
      name,
      sha256: digest(key),
      createdAt: new Date().toISOString(),
      revokedAt: null,
    };
    this.save([...this.list(), record]);
    return { record, key };
  }

  /** Revoke by id (or by name: every live key with it). Returns how many were revoked. */
  revoke(idOrName: string): number {
    let count = 0;
    const now = new Date().toISOString();
    const records = this.list().map((r) => {
      if (r.revokedAt !== null || (r.id !== idOrName && r.name !== idOrName)) return r;
      count += 1;
      return { ...r, revokedAt: now };
    });
    if (count > 0) this.save(records);
    return count;
  }

  /** The live key record matching `key`, compared in constant time; null when none does. */
  verify(key: string): ApiKeyRecord | null {
    const wanted = Buffer.from(digest(key), 'hex');
    let found: ApiKeyRecord | null = null;
    for (const record of this.list()) {
      const stored = Buffer.from(record.sha256, 'hex');
      if (stored.length === wanted.length && timingSafeEqual(stored, wanted) && record.revokedAt === null)
        found = record;
    }
    return found;
  }

  private save(records: ApiKeyRecord[]): void {
    writeFileAtomic.sync(this.path, `${JSON.stringify(records, null, 2)}\n`, { mode: 0o600 });
  }
}

function digest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
