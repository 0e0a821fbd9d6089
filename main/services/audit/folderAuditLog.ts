import type { AuditLevel } from '../../../shared/policy/declaration.js';
import { openDatabase } from '../../db/database.js';
import { databasePath } from '../dataDir.js';
import { AuditLog, type WithDb } from './auditLog.js';
import type { AuditSink } from './auditTypes.js';

/** Open the folder's database for one piece of work and close it again. */
export function folderWithDb(dataDir: string): WithDb {
  return (work) => {
    const db = openDatabase(databasePath(dataDir));
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
}

/**
 * The audit log of a data folder for one-shot commands (`rose generate`, `rose presets import`,
 * `rose family …`): the database is opened for each entry and closed again, so a command that
 * logs nothing leaves no handle open.
 */
export function folderAuditLog(dataDir: string, level: () => AuditLevel): AuditLog {
  return new AuditLog({
    dataDir,
    level,
    withDb: folderWithDb(dataDir),
    onError: (message) => process.stderr.write(`rose: ${message}\n`),
  });
}

/**
 * A one-shot command reads the policy once; that read is not a policy load worth an entry (the
 * running app logs loads, changes and rejected files). What the command itself does is logged.
 */
export function withoutPolicyReads(sink: AuditSink): AuditSink {
  const readEvents = new Set(['policy.loaded', 'policy.changed', 'policy.rejected']);
  return { record: (entry) => (readEvents.has(entry.type) ? undefined : sink.record(entry)) };
}
