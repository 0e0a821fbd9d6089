import type { Migration } from './migration.js';

/**
 * A guard model as the bench's second judge: which guard judged a run (name, sha256, kind) and
 * what it made of each answer (label, score, reason, what it wrote), both as JSON, null until a
 * guard has judged. The rules' label stays in `label`; the guard's is never counted by itself.
 */
export const migration0080: Migration = {
  version: 80,
  name: 'eval guard',
  up(db) {
    db.exec(`
      ALTER TABLE eval_runs ADD COLUMN guard_json TEXT;
      ALTER TABLE eval_answers ADD COLUMN guard_json TEXT;
    `);
  },
};
