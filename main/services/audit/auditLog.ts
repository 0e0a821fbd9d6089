import type { AuditEntryView, AuditVerifyReport } from '../../../shared/contract/audit.js';
import type { AuditLevel } from '../../../shared/policy/declaration.js';
import {
  type AuditRow,
  allEntries,
  insertEntry,
  latestEntries,
  readHead,
  writeHead,
} from '../../db/auditRepo.js';
import type { Db } from '../../db/database.js';
import { dataKeys, readDataKeys } from '../keyFile.js';
import { entryMac, ratchet, verifyChain } from './auditChain.js';
import type { AuditEntryInput, AuditSink } from './auditTypes.js';

/** How the log reaches the database: the app's open handle, or open-and-close per call (CLI). */
export type WithDb = <T>(work: (db: Db) => T) => T;

export type AuditLogOptions = {
  dataDir: string;
  withDb: WithDb;
  /** The effective policy's audit level, asked at each entry. */
  level: () => AuditLevel;
  now?: () => number;
  /** Where a failed write is reported (the audit log never breaks the request that logged). */
  onError?: (message: string) => void;
};

/**
 * The append-only, HMAC-chained audit log in the data folder's database. Each entry is written
 * in one IMMEDIATE transaction with the chain head, so two processes (the app and `rose …`)
 * appending at once keep one unbroken chain.
 */
export class AuditLog implements AuditSink {
  constructor(private readonly options: AuditLogOptions) {}

  record(entry: AuditEntryInput): void {
    let level: AuditLevel;
    try {
      level = this.options.level();
    } catch {
      level = 'content';
    }
    if (level === 'off') return;
    const content = level === 'content' && entry.content ? JSON.stringify(entry.content) : null;
    try {
      this.options.withDb((db) =>
        db
          .transaction(() => {
            const head = readHead(db) ?? {
              nextSeq: 1,
              key: dataKeys(this.options.dataDir).auditAnchor,
              lastMac: '',
            };
            const fields = {
              seq: head.nextSeq,
              at: (this.options.now ?? Date.now)(),
              type: entry.type,
              actor: entry.actor,
              transport: entry.transport ?? null,
              detail: JSON.stringify(entry.detail),
              content,
              prevMac: head.lastMac,
            };
            const mac = entryMac(head.key, fields);
            insertEntry(db, { ...fields, mac });
            // The key used is replaced by the next one: it exists nowhere after this commit.
            writeHead(db, { nextSeq: head.nextSeq + 1, key: ratchet(head.key), lastMac: mac });
          })
          .immediate(),
      );
    } catch (error) {
      this.options.onError?.(`audit log: could not record ${entry.type}: ${(error as Error).message}`);
    }
  }

  list(limit: number): AuditEntryView[] {
    return this.options.withDb((db) => latestEntries(db, limit)).map(entryView);
  }

  /** All entries, oldest first. */
  all(): AuditEntryView[] {
    return this.options.withDb((db) => allEntries(db)).map(entryView);
  }

  verify(): AuditVerifyReport {
    const { entries, head } = this.options.withDb((db) =>
      db.transaction(() => ({ entries: allEntries(db), head: readHead(db) }))(),
    );
    const keys = readDataKeys(this.options.dataDir);
    if (!keys)
      return {
        ok: entries.length === 0 && head === null,
        entries: entries.length,
        firstBroken:
          entries.length === 0 && head === null
            ? null
            : { seq: 1, problem: "the chain's first key (the data folder's rose.key) is missing" },
      };
    const broken = verifyChain(keys.auditAnchor, entries, head);
    return {
      ok: broken === null,
      entries: entries.length,
      firstBroken: broken && { seq: broken.seq, problem: broken.problem },
    };
  }
}

function entryView(row: AuditRow): AuditEntryView {
  return {
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    type: row.type,
    actor: row.actor,
    transport: row.transport,
    detail: parseObject(row.detail) ?? { unreadable: row.detail },
    content: row.content === null ? null : (parseObject(row.content) as AuditEntryView['content']),
  };
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
