import type { Db } from '../../main/db/database.js';

/**
 * Every row of every ordinary table, to check that a failed operation changed nothing. The audit
 * log is left out: a refused request is supposed to add an entry there (tests check it apart).
 */
export function dumpTables(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name NOT LIKE 'audit_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
  );
}
