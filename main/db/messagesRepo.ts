import {
  asConversationId,
  asMessageId,
  asPresetVersionId,
  type ConversationId,
  type Message,
  type MessageId,
  type MessageRole,
  type MessageStatus,
  type Provenance,
  type ReplyContext,
  type SteeredSpan,
} from '../../shared/domain.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

type MessageRow = {
  id: number;
  conversation_id: number;
  parent_id: number | null;
  role: MessageRole;
  text: string;
  status: MessageStatus;
  error_message: string | null;
  created_at: number;
  updated_at: number;
  model_file: string | null;
  model_sha256: string | null;
  preset_version_id: number | null;
  alpha: number | null;
  beta: number | null;
  rose_enabled: number | null;
  logits_source: string | null;
  steered: number | null;
  generated: number | null;
  timings: string | null;
  sampling: string | null;
  stop_reason: string | null;
  context: string | null;
  steering: string | null;
  edited_at: number | null;
};

function toMessage(r: MessageRow): Message {
  const provenance: Provenance | null =
    r.role === 'assistant' && r.model_file !== null && r.preset_version_id !== null
      ? {
          modelFile: r.model_file,
          modelSha256: r.model_sha256,
          presetVersionId: asPresetVersionId(r.preset_version_id),
          alpha: r.alpha ?? 0,
          beta: r.beta ?? 0,
          roseEnabled: r.rose_enabled === 1,
          logitsSource: r.logits_source,
          steered: r.steered,
          generated: r.generated,
          timings: r.timings === null ? null : JSON.parse(r.timings),
          sampling: JSON.parse(r.sampling ?? '{}'),
          stopReason: r.stop_reason,
          context: r.context === null ? null : (JSON.parse(r.context) as ReplyContext),
          // Only replies where ROSE changed something carry it (older replies have none).
          ...(r.steering === null ? {} : { steering: JSON.parse(r.steering) as SteeredSpan[] }),
        }
      : null;
  return {
    id: asMessageId(r.id),
    conversationId: asConversationId(r.conversation_id),
    parentId: r.parent_id === null ? null : asMessageId(r.parent_id),
    role: r.role,
    text: r.text,
    status: r.status,
    errorMessage: r.error_message,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    provenance,
    editedAt: r.edited_at,
  };
}

export type NewMessage = {
  conversationId: ConversationId;
  parentId: MessageId | null;
  role: MessageRole;
  text: string;
  status: MessageStatus;
  createdAt: number;
  /** What is known before generation starts; the engine's figures are added by finishMessage. */
  provenance?: Pick<
    Provenance,
    'modelFile' | 'modelSha256' | 'presetVersionId' | 'alpha' | 'beta' | 'roseEnabled' | 'sampling'
  >;
};

export function insertMessage(db: Db, m: NewMessage): Message {
  const p = m.provenance;
  const result = statement(
    db,
    `INSERT INTO messages (conversation_id, parent_id, role, text, status, created_at, updated_at,
       model_file, model_sha256, preset_version_id, alpha, beta, rose_enabled, sampling)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    m.conversationId,
    m.parentId,
    m.role,
    m.text,
    m.status,
    m.createdAt,
    m.createdAt,
    p?.modelFile ?? null,
    p?.modelSha256 ?? null,
    p?.presetVersionId ?? null,
    p?.alpha ?? null,
    p?.beta ?? null,
    p === undefined ? null : p.roseEnabled ? 1 : 0,
    p === undefined ? null : JSON.stringify(p.sampling),
  );
  return getMessage(db, asMessageId(Number(result.lastInsertRowid)))!;
}

export function getMessage(db: Db, id: MessageId): Message | undefined {
  const row = statement(db, 'SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined;
  return row && toMessage(row);
}

/** Save the text streamed so far; called every second or two while a reply is generated. */
export function saveStreamingText(db: Db, id: MessageId, text: string, at: number): void {
  statement(db, 'UPDATE messages SET text = ?, updated_at = ? WHERE id = ?').run(text, at, id);
}

export type Finish = {
  text: string;
  status: Exclude<MessageStatus, 'streaming'>;
  errorMessage: string | null;
  at: number;
  engine: Pick<
    Provenance,
    'logitsSource' | 'steered' | 'generated' | 'timings' | 'stopReason' | 'context' | 'steering'
  > | null;
};

/** Store a reply's final text, status and the engine's figures. */
export function finishMessage(db: Db, id: MessageId, f: Finish): Message {
  statement(
    db,
    `UPDATE messages SET text = ?, status = ?, error_message = ?, updated_at = ?,
       logits_source = coalesce(?, logits_source), steered = ?, generated = ?, timings = ?, stop_reason = ?,
       context = ?, steering = ?
     WHERE id = ?`,
  ).run(
    f.text,
    f.status,
    f.errorMessage,
    f.at,
    f.engine?.logitsSource ?? null,
    f.engine?.steered ?? null,
    f.engine?.generated ?? null,
    f.engine?.timings ? JSON.stringify(f.engine.timings) : null,
    f.engine?.stopReason ?? null,
    f.engine?.context ? JSON.stringify(f.engine.context) : null,
    f.engine?.steering?.length ? JSON.stringify(f.engine.steering) : null,
    id,
  );
  return getMessage(db, id)!;
}

/** A reply goes on from where it stopped (Continue): streaming again, its text kept. */
export function reopenForContinue(db: Db, id: MessageId, at: number): Message {
  statement(
    db,
    "UPDATE messages SET status = 'streaming', error_message = NULL, updated_at = ? WHERE id = ?",
  ).run(at, id);
  return getMessage(db, id)!;
}

/**
 * A reply's text replaced by hand; the engine's figures stay (the steered spans too: they point
 * into the generated text, so a window explains only unedited replies), `edited_at` says it was changed.
 */
export function editText(db: Db, id: MessageId, text: string, at: number): Message {
  statement(db, 'UPDATE messages SET text = ?, edited_at = ?, updated_at = ? WHERE id = ?').run(
    text,
    at,
    at,
    id,
  );
  return getMessage(db, id)!;
}

/** Delete a message; its replies and everything after them go with it (parent_id cascades). */
export function deleteMessage(db: Db, id: MessageId): boolean {
  return statement(db, 'DELETE FROM messages WHERE id = ?').run(id).changes > 0;
}

/** Record which logits source the engine uses as soon as it says so (before the reply is done). */
export function saveLogitsSource(db: Db, id: MessageId, logitsSource: string): void {
  statement(db, 'UPDATE messages SET logits_source = ? WHERE id = ?').run(logitsSource, id);
}

/** The branch ending at `leafId`, root first. */
export function branchPath(db: Db, leafId: MessageId): Message[] {
  const rows = statement(
    db,
    `WITH RECURSIVE path(id, depth) AS (
       SELECT ?, 0
       UNION ALL
       SELECT m.parent_id, path.depth + 1 FROM messages m JOIN path ON m.id = path.id WHERE m.parent_id IS NOT NULL
     )
     SELECT messages.* FROM path JOIN messages ON messages.id = path.id ORDER BY path.depth DESC`,
  ).all(leafId) as MessageRow[];
  return rows.map(toMessage);
}

/** Every message of a conversation, all branches, oldest first. */
export function listMessages(db: Db, conversationId: ConversationId): Message[] {
  return (
    statement(db, 'SELECT * FROM messages WHERE conversation_id = ? ORDER BY id').all(
      conversationId,
    ) as MessageRow[]
  ).map(toMessage);
}

/** The messages that share a parent (the branches at one point), oldest first. */
export function listSiblings(db: Db, conversationId: ConversationId, parentId: MessageId | null): Message[] {
  return (
    statement(db, 'SELECT * FROM messages WHERE conversation_id = ? AND parent_id IS ? ORDER BY id').all(
      conversationId,
      parentId,
    ) as MessageRow[]
  ).map(toMessage);
}

/** The leaf reached from `fromId` by always following the newest child. */
export function newestLeaf(db: Db, fromId: MessageId): MessageId {
  const row = statement(
    db,
    `WITH RECURSIVE walk(id) AS (
       SELECT ?
       UNION ALL
       SELECT (SELECT max(c.id) FROM messages c WHERE c.parent_id = walk.id) FROM walk WHERE walk.id IS NOT NULL
     )
     SELECT max(id) AS leaf FROM walk WHERE id IS NOT NULL`,
  ).get(fromId) as { leaf: number };
  return asMessageId(row.leaf);
}

/** After a crash: every reply still marked streaming becomes interrupted, its text kept. */
export function markStreamingInterrupted(db: Db, at: number): number {
  return statement(
    db,
    "UPDATE messages SET status = 'interrupted', updated_at = ? WHERE status = 'streaming'",
  ).run(at).changes;
}

/** Every message's id and parent in a conversation (enough to count branches). */
export function listTree(
  db: Db,
  conversationId: ConversationId,
): Array<{ id: MessageId; parentId: MessageId | null }> {
  return (
    statement(db, 'SELECT id, parent_id FROM messages WHERE conversation_id = ? ORDER BY id').all(
      conversationId,
    ) as Array<{
      id: number;
      parent_id: number | null;
    }>
  ).map((r) => ({ id: asMessageId(r.id), parentId: r.parent_id === null ? null : asMessageId(r.parent_id) }));
}
