import type { Db } from './database.js';
import { statement } from './statements.js';

/** True once a parent PIN was ever set in this database (the row cannot be deleted by SQL). */
export function hasFamilyMarker(db: Db): boolean {
  return statement(db, 'SELECT 1 FROM family_marker WHERE id = 1').get() !== undefined;
}

export function setFamilyMarker(db: Db, at: number): void {
  statement(db, 'INSERT OR IGNORE INTO family_marker (id, pin_set_at) VALUES (1, ?)').run(at);
}

/** Mark one block of a local day (`YYYY-MM-DD`) as used by a child. */
export function markUsage(db: Db, day: string, block: number): void {
  statement(db, 'INSERT OR IGNORE INTO child_usage (day, block) VALUES (?, ?)').run(day, block);
}

export function usedBlocks(db: Db, day: string): number {
  return statement(db, 'SELECT count(*) FROM child_usage WHERE day = ?').pluck().get(day) as number;
}
