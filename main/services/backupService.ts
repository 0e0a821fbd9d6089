import { existsSync, rmSync, statSync } from 'node:fs';
import { UserError } from '../../shared/errors.js';
import { backupDatabase, type Db, integrityCheck } from '../db/database.js';
import { schemaVersion } from '../db/migrate.js';

/**
 * Copy the whole database to `file` through SQLite's online backup API: consistent even while the
 * app writes. A failed copy leaves no half-written file behind.
 */
export async function backupTo(
  db: Db,
  file: string,
  options: { overwrite?: boolean } = {},
): Promise<{ file: string; bytes: number }> {
  if (existsSync(file)) {
    if (!options.overwrite) throw new UserError('file-exists', `${file} already exists; choose another name`);
    rmSync(file);
  }
  try {
    await backupDatabase(db, file);
  } catch (error) {
    rmSync(file, { force: true });
    throw new UserError('backup-failed', `cannot write the backup to ${file}: ${(error as Error).message}`);
  }
  return { file, bytes: statSync(file).size };
}

export function checkDatabase(db: Db): { integrity: string; schemaVersion: number } {
  return { integrity: integrityCheck(db), schemaVersion: schemaVersion(db) };
}
