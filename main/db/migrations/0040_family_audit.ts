import type { Migration } from './migration.js';

/**
 * The audit log and the family lock's marker.
 *
 * `audit_log` is append-only: triggers refuse UPDATE and DELETE from SQL, and each row carries the
 * HMAC of the one before it (`prev_mac`) under a key that ratchets forward after every entry, so a
 * row deleted, reordered or edited by hand breaks the chain at that row (`rose audit verify`).
 * `audit_chain` holds the chain's head: the next sequence number, the current key (the previous
 * ones are gone) and the last MAC, so cutting entries off the end is detected too.
 *
 * `family_marker` records that a parent PIN was ever set: from then on a missing family record
 * means the record was removed, and Rose starts locked in child mode instead of open.
 * `child_usage` counts a child's use for the daily limit, in blocks of minutes of a local day.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'family_audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        seq INTEGER NOT NULL,
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        actor TEXT NOT NULL,
        transport TEXT,
        detail TEXT NOT NULL,
        content TEXT,
        prev_mac TEXT NOT NULL,
        mac TEXT NOT NULL
      ) STRICT;

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed');
      END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted');
      END;

      CREATE TABLE audit_chain (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        next_seq INTEGER NOT NULL,
        key TEXT NOT NULL,
        last_mac TEXT NOT NULL
      ) STRICT;

      CREATE TABLE family_marker (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        pin_set_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE child_usage (
        day TEXT NOT NULL,
        block INTEGER NOT NULL,
        PRIMARY KEY (day, block)
      ) STRICT;

      CREATE TRIGGER family_marker_no_delete BEFORE DELETE ON family_marker BEGIN
        SELECT RAISE(ABORT, 'the family marker cannot be removed');
      END;
    `);
  },
};
