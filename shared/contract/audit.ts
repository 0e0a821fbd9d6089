import { z } from 'zod';
import { channel } from './channel.js';
import { noInput } from './fields.js';

/** One audit-log entry as shown by `rose audit list` and the Family page. */
export type AuditEntryView = {
  seq: number;
  /** ISO 8601 time the entry was written. */
  at: string;
  type: string;
  actor: string;
  transport: string | null;
  detail: Record<string, unknown>;
  /** Prompt/reply text; only present when the audit level was `content`. */
  content: { prompt?: string; reply?: string } | null;
};

/** The result of checking the HMAC chain from its first key. */
export type AuditVerifyReport = {
  ok: boolean;
  entries: number;
  /** The first broken link: the entry's place in the chain and what is wrong with it. */
  firstBroken: { seq: number; problem: string } | null;
};

export const auditExportFormats = ['jsonl', 'csv', 'cef'] as const;
export type AuditExportFormat = (typeof auditExportFormats)[number];

/** Most entries one `app:audit.list` returns, and how many when the request does not say. */
export const AUDIT_LIST_MAX = 1000;
export const AUDIT_LIST_DEFAULT = 100;

/** The tamper-evident audit log: who changed policy and family settings, every refusal. */
export const auditChannels = {
  /** The newest entries, newest first. */
  'app:audit.list': channel<AuditEntryView[]>()(
    z.strictObject({ limit: z.int().min(1).max(AUDIT_LIST_MAX).default(100) }).default({ limit: 100 }),
  ),
  'app:audit.verify': channel<AuditVerifyReport>()(noInput),
  /** The whole log as text, oldest first, for a SIEM (CEF) or a spreadsheet (CSV). */
  'app:audit.export': channel<{ format: AuditExportFormat; text: string }>()(
    z.strictObject({ format: z.enum(auditExportFormats, { error: 'format is jsonl, csv or cef' }) }),
  ),
};
