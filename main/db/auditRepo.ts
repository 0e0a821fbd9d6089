import type { Db } from './database.js';
import { statement } from './statements.js';

/** One audit row as stored (detail and content are JSON text, MACed as stored). */
export type AuditRow = {
  id: number;
  seq: number;
  at: number;
  type: string;
  actor: string;
  transport: string | null;
  detail: string;
  content: string | null;
  prevMac: string;
  mac: string;
};

export type AuditHead = { nextSeq: number; key: Buffer; lastMac: string };

type Row = {
  id: number;
  seq: number;
  at: number;
  type: string;
  actor: string;
  transport: string | null;
  detail: string;
  content: string | null;
  prev_mac: string;
  mac: string;
};

const toRow = (r: Row): AuditRow => ({
  id: r.id,
  seq: r.seq,
  at: r.at,
  type: r.type,
  actor: r.actor,
  transport: r.transport,
  detail: r.detail,
  content: r.content,
  prevMac: r.prev_mac,
  mac: r.mac,
});

export function readHead(db: Db): AuditHead | null {
  const row = statement(db, 'SELECT next_seq, key, last_mac FROM audit_chain WHERE id = 1').get() as
    | { next_seq: number; key: string; last_mac: string }
    | undefined;
  return row ? { nextSeq: row.next_seq, key: Buffer.from(row.key, 'base64'), lastMac: row.last_mac } : null;
}

export function writeHead(db: Db, head: AuditHead): void {
  statement(
    db,
    `INSERT INTO audit_chain (id, next_seq, key, last_mac) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET next_seq = excluded.next_seq, key = excluded.key, last_mac = excluded.last_mac`,
  ).run(head.nextSeq, head.key.toString('base64'), head.lastMac);
}

export function insertEntry(db: Db, row: Omit<AuditRow, 'id'>): number {
  return Number(
    statement(
      db,
      `INSERT INTO audit_log (seq, at, type, actor, transport, detail, content, prev_mac, mac)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(row.seq, row.at, row.type, row.actor, row.transport, row.detail, row.content, row.prevMac, row.mac)
      .lastInsertRowid,
  );
}

/** Every entry in the order it was stored (rowid), which is the order the chain is checked in. */
export function allEntries(db: Db): AuditRow[] {
  return (statement(db, 'SELECT * FROM audit_log ORDER BY id').all() as Row[]).map(toRow);
}

/** The newest `limit` entries, newest first. */
export function latestEntries(db: Db, limit: number): AuditRow[] {
  return (statement(db, 'SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(toRow);
}
