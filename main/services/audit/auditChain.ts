import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditRow } from '../../db/auditRepo.js';

/**
 * The audit log's HMAC chain. Entry n is MACed with key kₙ over its own fields and the MAC of
 * entry n−1; then the key ratchets forward, kₙ₊₁ = HMAC(kₙ, 'ratchet'), and kₙ is forgotten.
 * Someone who later reads the current key can add entries but cannot recompute earlier MACs.
 */

/** The fields of one stored entry that its MAC covers, exactly as stored. */
export type ChainedFields = Omit<AuditRow, 'id' | 'mac'>;

export function ratchet(key: Buffer): Buffer {
  return createHmac('sha256', key).update('ratchet').digest();
}

export function entryMac(key: Buffer, fields: ChainedFields): string {
  const canonical = JSON.stringify([
    fields.seq,
    fields.at,
    fields.type,
    fields.actor,
    fields.transport,
    fields.detail,
    fields.content,
    fields.prevMac,
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Where a chain breaks: the entry (by its position in the chain, 1-based) and why. */
export type ChainBreak = { seq: number; id: number | null; problem: string };

export type StoredEntry = AuditRow;

/**
 * Walk the chain from k₀: the first entry whose sequence number, back link or MAC does not
 * match is the first broken link. `head` is the stored chain head, which catches entries cut off
 * the end (its key must be the one after the last entry's).
 */
export function verifyChain(
  anchor: Buffer,
  entries: readonly StoredEntry[],
  head: { nextSeq: number; key: Buffer; lastMac: string } | null,
): ChainBreak | null {
  let key = anchor;
  let prevMac = '';
  for (const [index, entry] of entries.entries()) {
    const expected = index + 1;
    if (entry.seq !== expected)
      return {
        seq: expected,
        id: entry.id,
        problem:
          entry.seq > expected
            ? `entry ${expected} is missing (the next one found is ${entry.seq})`
            : `entry ${entry.seq} appears again or out of order at position ${expected}`,
      };
    if (!sameMac(entry.prevMac, prevMac))
      return { seq: expected, id: entry.id, problem: 'its link to the entry before does not match' };
    if (!sameMac(entry.mac, entryMac(key, entry)))
      return { seq: expected, id: entry.id, problem: 'it was changed after it was written (MAC mismatch)' };
    prevMac = entry.mac;
    key = ratchet(key);
  }
  const next = entries.length + 1;
  if (head === null)
    return entries.length === 0 ? null : { seq: next, id: null, problem: 'the chain head is missing' };
  if (head.nextSeq !== next || !head.key.equals(key) || !sameMac(head.lastMac, prevMac))
    return {
      seq: Math.min(next, head.nextSeq),
      id: null,
      problem: `entries from ${next} on are missing (the chain head expects ${head.nextSeq - 1} entries)`,
    };
  return null;
}
