import { UserError } from '../../shared/errors.js';
import type { Db } from './database.js';
import type { Migration } from './migrations/migration.js';
import { migrations as allMigrations } from './migrations/index.js';

/** The schema version stored in the file (PRAGMA user_version). */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Apply every pending migration in one transaction, so a failure leaves the file as it was.
 * Refuses a database whose version is newer than the newest migration known here.
 */
export function migrate(db: Db, migrations: readonly Migration[] = allMigrations): void {
  const current = schemaVersion(db);
  const newest = allMigrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new UserError(
      'db-too-new',
      `this database was written by a newer version of Rose (schema ${current}, this Rose knows up to ${newest}); ` +
        'update Rose, or use another --data-dir',
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
}
