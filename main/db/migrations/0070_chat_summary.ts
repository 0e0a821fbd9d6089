import type { Migration } from './migration.js';

/**
 * "Continue in a new chat with a summary": the summary a conversation starts from (kept in both
 * system prompts) and the conversation it continues (no foreign key: deleting the old one must
 * not touch the new one; the link then simply leads nowhere).
 */
export const migration0070: Migration = {
  version: 70,
  name: 'chat summary',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN summary TEXT;
      ALTER TABLE conversations ADD COLUMN continued_from INTEGER;
    `);
  },
};
