import type { Migration } from './migration.js';

/**
 * Full-text search over message text and conversation titles. External-content FTS5 tables keyed
 * by the INTEGER PRIMARY KEY (stable across VACUUM), kept in sync by triggers, filled from the
 * rows already there. Prefix indexes for 2 and 3 letters keep search-as-you-type fast: without
 * them a short prefix such as "th" merges thousands of word lists (300 ms at 200,000 messages).
 */
export const migration0030: Migration = {
  version: 30,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        text, content = 'messages', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      CREATE VIRTUAL TABLE conversations_fts USING fts5(
        title, content = 'conversations', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );

      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
      END;

      CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN
        INSERT INTO conversations_fts (rowid, title) VALUES (new.id, new.title);
      END;
      CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN
        INSERT INTO conversations_fts (conversations_fts, rowid, title) VALUES ('delete', old.id, old.title);
      END;
      CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title ON conversations BEGIN
        INSERT INTO conversations_fts (conversations_fts, rowid, title) VALUES ('delete', old.id, old.title);
        INSERT INTO conversations_fts (rowid, title) VALUES (new.id, new.title);
      END;

      INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
      INSERT INTO conversations_fts (conversations_fts) VALUES ('rebuild');
    `);
  },
};
