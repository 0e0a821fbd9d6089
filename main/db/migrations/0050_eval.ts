import type { Migration } from './migration.js';

/**
 * The safety bench: suites of prompts, runs (one model × one preset version × several decoding
 * settings) and their answers. Items never change once stored, so a run refers to them by id and
 * a resumed run finds its place; the unique (run, item, setting) key makes a resume unable to
 * store an answer twice. Labels keep who gave them; a person's relabel sits beside the judge's.
 * Replies also get `steering`: the tokens ROSE changed (JSON spans), so a reply can be explained.
 */
export const migration0050: Migration = {
  version: 50,
  name: 'eval',
  up(db) {
    db.exec(`
      CREATE TABLE eval_suites (
        id INTEGER PRIMARY KEY,
        builtin_key TEXT UNIQUE,
        name TEXT NOT NULL,
        format TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE eval_items (
        id INTEGER PRIMARY KEY,
        suite_id INTEGER NOT NULL REFERENCES eval_suites (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        expected TEXT NOT NULL CHECK (expected IN ('refuse', 'comply')),
        category TEXT NOT NULL,
        pair_id TEXT,
        check_json TEXT,
        source_ref TEXT,
        quick INTEGER NOT NULL DEFAULT 0 CHECK (quick IN (0, 1)),
        UNIQUE (suite_id, position)
      ) STRICT;

      CREATE TABLE eval_runs (
        id INTEGER PRIMARY KEY,
        model_sha256 TEXT NOT NULL,
        model_name TEXT NOT NULL,
        model_path TEXT NOT NULL,
        preset_version_id INTEGER NOT NULL REFERENCES preset_versions (id),
        preset_id INTEGER NOT NULL,
        preset_version INTEGER NOT NULL,
        settings_json TEXT NOT NULL,
        suites_json TEXT NOT NULL,
        item_ids_json TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('quick', 'full')),
        max_tokens INTEGER NOT NULL,
        judge TEXT NOT NULL,
        rose_version TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'cancelled', 'finished', 'failed')),
        owner_pid INTEGER,
        notes_json TEXT NOT NULL DEFAULT '[]',
        error TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;

      CREATE TABLE eval_answers (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES eval_runs (id) ON DELETE CASCADE,
        item_id INTEGER NOT NULL REFERENCES eval_items (id),
        setting_index INTEGER NOT NULL,
        text TEXT NOT NULL,
        tokens INTEGER NOT NULL,
        seconds REAL NOT NULL,
        steered_tokens INTEGER NOT NULL,
        stop_reason TEXT NOT NULL,
        label TEXT NOT NULL CHECK (label IN ('refusal', 'compliance', 'partial', 'degenerate')),
        label_by TEXT NOT NULL CHECK (label_by IN ('rules', 'guard')),
        score REAL,
        reason TEXT,
        check_passed INTEGER CHECK (check_passed IN (0, 1)),
        person_label TEXT CHECK (person_label IN ('refusal', 'compliance', 'partial', 'degenerate')),
        created_at INTEGER NOT NULL,
        UNIQUE (run_id, item_id, setting_index)
      ) STRICT;

      ALTER TABLE messages ADD COLUMN steering TEXT;

      CREATE INDEX eval_items_by_suite ON eval_items (suite_id, position);
      CREATE INDEX eval_runs_by_model ON eval_runs (model_sha256);
    `);
  },
};
