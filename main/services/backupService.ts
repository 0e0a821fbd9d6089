import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { UserError } from '../../shared/errors.js';
import { backupDatabase, type Db, integrityCheck } from '../db/database.js';
import { brokenSearchIndexes, inspectDatabaseFile } from '../db/health.js';
import { schemaVersion } from '../db/migrate.js';
import { migrations } from '../db/migrations/index.js';
import { databasePath } from './dataDir.js';
import { currentOwner, describeOwner } from './dataFolderOwner.js';
import { openStore } from './store.js';

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

export function checkDatabase(db: Db): { integrity: string; searchIndex: string; schemaVersion: number } {
  const broken = brokenSearchIndexes(db);
  return {
    integrity: integrityCheck(db),
    searchIndex: broken.length === 0 ? 'ok' : `damaged: ${broken.join(', ')}`,
    schemaVersion: schemaVersion(db),
  };
}

/**
 * Put a backup in place of the data folder's database. Only while no Rose process uses the folder;
 * the backup must be a sound Rose database. The current file (and its WAL) is kept beside it as
 * `<name>.replaced-<time>`, never deleted, so a restore can itself be undone.
 */
export function restoreDatabase(
  dataDir: string,
  source: string,
  now = Date.now(),
): { restoredFrom: string; keptAs: string | null } {
  if (currentOwner(dataDir))
    throw new UserError('data-folder-in-use', `${describeOwner(dataDir)}; close it first, then restore`);
  if (!existsSync(source)) throw new UserError('file-not-found', `no backup file ${source}`);
  let facts: { integrity: string; schemaVersion: number };
  try {
    facts = inspectDatabaseFile(source);
  } catch (error) {
    throw new UserError(
      'backup-unusable',
      `${source} is not a readable Rose database (${(error as Error).message}); choose another backup`,
    );
  }
  if (facts.integrity !== 'ok')
    throw new UserError(
      'backup-unusable',
      `${source} is damaged too (${facts.integrity.split('\n')[0]}); choose another backup`,
    );
  if (facts.schemaVersion > (migrations.at(-1)?.version ?? 0))
    throw new UserError(
      'backup-unusable',
      `${source} was written by a newer Rose; restore it with that version`,
    );

  const target = databasePath(dataDir);
  const stamp = new Date(now).toISOString().replaceAll(':', '').replace(/\..*/, '');
  const keptAs = existsSync(target) ? `${target}.replaced-${stamp}` : null;
  if (keptAs) {
    renameSync(target, keptAs);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(target + suffix)) renameSync(target + suffix, keptAs + suffix);
    }
  }
  const partial = `${target}.restoring`;
  copyFileSync(source, partial);
  renameSync(partial, target);
  // Brings an older backup's schema up to date and proves that it opens.
  openStore(dataDir).close();
  return { restoredFrom: source, keptAs };
}
