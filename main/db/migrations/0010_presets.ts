import type { Migration } from './migration.js';

/** Presets and their immutable versions. A preset is soft-deleted so old messages keep their version. */
export const migration0010: Migration = {
  version: 10,
  name: 'presets',
  up(db) {
    db.exec(`
      CREATE TABLE presets (
        id INTEGER PRIMARY KEY,
        builtin_key TEXT UNIQUE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER
      ) STRICT;

      CREATE TABLE preset_versions (
        id INTEGER PRIMARY KEY,
        preset_id INTEGER NOT NULL REFERENCES presets(id),
        number INTEGER NOT NULL,
        safe_prompt TEXT NOT NULL,
        reverse_prompt TEXT NOT NULL,
        alpha REAL NOT NULL,
        beta REAL NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('manual', 'opposite', 'random')),
        created_at INTEGER NOT NULL,
        UNIQUE (preset_id, number)
      ) STRICT;
    `);
  },
};
