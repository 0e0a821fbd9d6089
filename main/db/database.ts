import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../../shared/errors.js';
import { sqliteNativeBinding } from '../native/nativeFacts.js';
import { migrate } from './migrate.js';
import type { Migration } from './migrations/migration.js';

/** An open Rose database. Services hold it and pass it to repository functions; they never run SQL. */
export type Db = Database.Database;

export type OpenOptions = {
  /** Migrations to apply; defaults to all of them. Tests pass a prefix to build older schemas. */
  migrations?: readonly Migration[];
};

/**
 * Open (creating if needed) the database file, set the pragmas Rose relies on and bring the schema
 * up to date. A database written by a newer Rose is refused rather than guessed at.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // Under Electron the Electron-ABI copy of the driver; under Node its own build (nativeBinding.ts).
  const nativeBinding = sqliteNativeBinding();
  let db: Db;
  try {
    db = new Database(file, nativeBinding === undefined ? {} : { nativeBinding });
  } catch (error) {
    throw new UserError('db-open-failed', `cannot open the database ${file}: ${(error as Error).message}`);
  }
  try {
    // WAL keeps readers and the streaming writer apart and survives a killed process;
    // NORMAL sync is safe against crashes of the app (only power loss can drop the last commit).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.migrations);
    return db;
  } catch (error) {
    db.close();
    const code = String((error as { code?: string }).code);
    if (code === 'SQLITE_NOTADB') {
      throw new UserError(
        'db-not-a-database',
        `${file} is not a Rose database (not an SQLite file). ${RESTORE_ADVICE}`,
      );
    }
    if (code.startsWith('SQLITE_CORRUPT')) throw damagedDatabase(file, (error as Error).message);
    throw error;
  }
}

/** What to do about a damaged database; the same words wherever one is found. */
export const RESTORE_ADVICE =
  "Nothing was changed. Restore the latest automatic backup with 'rose db restore --latest' (or 'rose db restore FILE'), or move the file away to start with an empty one.";

/** The one error a damaged database gives, wherever it is found. */
export function damagedDatabase(file: string, problem: string): UserError {
  return new UserError(
    'db-damaged',
    `the database ${file} is damaged (${problem.split('\n')[0]}). ${RESTORE_ADVICE}`,
  );
}

/** Run `work` in one transaction: all of it is stored, or none of it. */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work)();
}

/** SQLite's own consistency check; 'ok' when the file is sound. */
export function integrityCheck(db: Db): string {
  return (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
    .map((r) => r.integrity_check)
    .join('\n');
}

/** Copy the open database to `destination` with SQLite's online backup API (safe while in use). */
export async function backupDatabase(db: Db, destination: string): Promise<void> {
  await db.backup(destination);
}

/** Fold the WAL into the main file and refresh the query planner's statistics (after bulk writes). */
export function compactDatabase(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('optimize');
}
