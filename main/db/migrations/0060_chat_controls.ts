import type { Migration } from './migration.js';

/**
 * Chat controls: a conversation's own generation settings (sampling, max tokens, stop texts; JSON,
 * validated by the contract before it is stored), how much of the context each reply used and
 * what was left out (JSON), and when a reply was edited by hand.
 */
export const migration0060: Migration = {
  version: 60,
  name: 'chat controls',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN generation TEXT;
      ALTER TABLE messages ADD COLUMN context TEXT;
      ALTER TABLE messages ADD COLUMN edited_at INTEGER;
    `);
  },
};
