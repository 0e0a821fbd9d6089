import Database from 'better-sqlite3';
import { sqliteNativeBinding } from '../native/nativeFacts.js';
import type { Db } from './database.js';

/** The full-text indexes; each can be checked against, and rebuilt from, the table it indexes. */
export const SEARCH_INDEXES = ['messages_fts', 'conversations_fts'] as const;
export type SearchIndex = (typeof SEARCH_INDEXES)[number];

/** SQLite's quick consistency check (b-trees and pages, not index contents): 'ok' when sound. */
export function quickCheck(db: Db): string {
  return (db.pragma('quick_check') as Array<{ quick_check: string }>).map((r) => r.quick_check).join('\n');
}

/** The search indexes whose FTS5 integrity check fails, compared with the rows they index. */
export function brokenSearchIndexes(db: Db): SearchIndex[] {
  return SEARCH_INDEXES.filter((table) => {
    try {
      // rank 1: also compare the index with the content table (external content).
      db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 1)`).run();
      return false;
    } catch (error) {
      if (String((error as { code?: string }).code).startsWith('SQLITE_CORRUPT')) return true;
      throw error;
    }
  });
}

/** Build a search index again from its table (the messages and titles themselves are untouched). */
export function rebuildSearchIndex(db: Db, table: SearchIndex): void {
  db.prepare(`INSERT INTO ${table} (${table}) VALUES ('rebuild')`).run();
}

/** What a database file holds, read-only: whether it is sound and its schema version. */
export function inspectDatabaseFile(file: string): { integrity: string; schemaVersion: number } {
  const nativeBinding = sqliteNativeBinding();
  const db = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding === undefined ? {} : { nativeBinding }),
  });
  try {
    return {
      integrity: quickCheck(db),
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}
