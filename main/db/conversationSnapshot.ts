import { asConversationId, type ConversationId } from '../../shared/domain.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

type Row = Record<string, unknown>;

/** A conversation's rows as stored (the conversation and every message of every branch). */
export type ConversationSnapshot = { conversation: Row; messages: Row[] };

/** Copy a conversation's rows before it is deleted, so that the delete can be undone. */
export function snapshotConversation(db: Db, id: ConversationId): ConversationSnapshot | null {
  const conversation = statement(db, 'SELECT * FROM conversations WHERE id = ?').get(id) as Row | undefined;
  if (!conversation) return null;
  const messages = statement(db, 'SELECT * FROM messages WHERE conversation_id = ? ORDER BY id').all(
    id,
  ) as Row[];
  return { conversation, messages };
}

/**
 * The columns a restore writes: every column the snapshot holds (so a migration that adds one is
 * covered without touching this file) except the ids and links that the restore sets itself.
 * Names come from the database's own rows, never from input.
 */
function columnsOf(row: Row, setByRestore: readonly string[]): string[] {
  return Object.keys(row).filter((column) => !setByRestore.includes(column));
}

const quoted = (columns: readonly string[]) => columns.map((column) => `"${column}"`).join(', ');

/**
 * Put a snapshot back. The old ids are kept when they are still free; otherwise (a new chat took
 * one) the rows get new ids with parent links mapped. Call inside a transaction. Returns the id.
 */
export function restoreConversation(db: Db, snapshot: ConversationSnapshot): ConversationId {
  const keepIds = idsFree(db, snapshot);
  const values = (row: Row, columns: readonly string[]) => columns.map((column) => row[column]);
  const conversationColumns = columnsOf(snapshot.conversation, ['id', 'active_leaf_id']);
  const insertConversation = statement(
    db,
    `INSERT INTO conversations (id, ${quoted(conversationColumns)})
     VALUES (${['?', ...conversationColumns.map(() => '?')].join(', ')})`,
  );
  const conversationId = Number(
    insertConversation.run(
      keepIds ? snapshot.conversation.id : null,
      ...values(snapshot.conversation, conversationColumns),
    ).lastInsertRowid,
  );
  const newIds = new Map<unknown, number>();
  // Rows are in id order and a parent is always older than its children, so parents come first.
  for (const message of snapshot.messages) {
    const messageColumns = columnsOf(message, ['id', 'conversation_id']);
    const insertMessage = statement(
      db,
      `INSERT INTO messages (id, conversation_id, ${quoted(messageColumns)})
       VALUES (${['?', '?', ...messageColumns.map(() => '?')].join(', ')})`,
    );
    const row = { ...message, parent_id: message.parent_id === null ? null : newIds.get(message.parent_id) };
    const result = insertMessage.run(
      keepIds ? message.id : null,
      conversationId,
      ...values(row, messageColumns),
    );
    newIds.set(message.id, Number(result.lastInsertRowid));
  }
  const leaf = snapshot.conversation.active_leaf_id;
  statement(db, 'UPDATE conversations SET active_leaf_id = ? WHERE id = ?').run(
    leaf === null ? null : (newIds.get(leaf) ?? null),
    conversationId,
  );
  return asConversationId(conversationId);
}

function idsFree(db: Db, snapshot: ConversationSnapshot): boolean {
  if (statement(db, 'SELECT 1 FROM conversations WHERE id = ?').get(snapshot.conversation.id)) return false;
  const messageTaken = statement(db, 'SELECT 1 FROM messages WHERE id = ?');
  return snapshot.messages.every((message) => !messageTaken.get(message.id));
}
