import type { Migration } from './migration.js';

/**
 * Conversations and messages. Messages form a tree through parent_id (regenerate and edit add
 * siblings); the conversation remembers which leaf is shown. Assistant messages carry provenance.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'conversations',
  up(db) {
    db.exec(`
      CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        preset_version_id INTEGER REFERENCES preset_versions(id),
        model TEXT,
        alpha REAL,
        beta REAL,
        rose_enabled INTEGER NOT NULL DEFAULT 1 CHECK (rose_enabled IN (0, 1)),
        active_leaf_id INTEGER REFERENCES messages(id) ON DELETE SET NULL
      ) STRICT;

      CREATE INDEX conversations_list ON conversations (pinned DESC, updated_at DESC, id DESC);

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        text TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('complete', 'streaming', 'stopped', 'interrupted', 'error')),
        error_message TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        model_file TEXT,
        model_sha256 TEXT,
        preset_version_id INTEGER REFERENCES preset_versions(id),
        alpha REAL,
        beta REAL,
        rose_enabled INTEGER,
        logits_source TEXT,
        steered INTEGER,
        generated INTEGER,
        timings TEXT,
        sampling TEXT,
        stop_reason TEXT
      ) STRICT;

      CREATE INDEX messages_by_conversation ON messages (conversation_id, id);
      CREATE INDEX messages_by_parent ON messages (parent_id);
      CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';
      CREATE INDEX messages_by_preset_version ON messages (preset_version_id);
    `);
  },
};
