/**
 * What the services tell the audit log. The audit service (HMAC-chained, append-only) implements
 * `AuditSink`; the policy check, the family lock, models, presets, export, backup and serve call it.
 */
export type AuditEventType =
  | 'policy.loaded'
  | 'policy.changed'
  | 'policy.rejected'
  | 'policy.denied'
  | 'pin.set'
  | 'pin.changed'
  | 'pin.failed'
  | 'pin.lockout'
  | 'pin.recovered'
  | 'child-mode.on'
  | 'child-mode.off'
  | 'family.changed'
  | 'model.loaded'
  | 'preset.created'
  | 'preset.edited'
  | 'preset.imported'
  | 'export'
  | 'backup'
  | 'serve.started'
  | 'api.started'
  | 'generation';

/** Who acted: the person at the keyboard, a parent (PIN session), an admin (managed policy), Rose itself. */
export type AuditActor = 'user' | 'parent' | 'admin' | 'system';

export type AuditEntryInput = {
  type: AuditEventType;
  actor: AuditActor;
  /** Which transport carried the request, when one did. */
  transport?: 'ipc' | 'socket' | 'cli' | 'api' | null;
  /** Metadata only (ids, names, sha256, rule names, counts) — never prompt or reply text. */
  detail: Record<string, unknown>;
  /** Prompt/reply text: kept only when the audit level is `content`. */
  content?: { prompt?: string; reply?: string } | null;
};

export type AuditSink = { record(entry: AuditEntryInput): void };
