import type { ConversationId } from '../../shared/domain.js';
import { UserError } from '../../shared/errors.js';
import {
  type ConversationSnapshot,
  restoreConversation,
  snapshotConversation,
} from '../db/conversationSnapshot.js';
import { type Db, inTransaction } from '../db/database.js';
import * as chats from '../services/chatsService.js';

/**
 * Delete with undo. The conversation is deleted at once (search and lists forget it), and its rows
 * are kept in memory so "Undo" can put them back while the app runs; quitting makes it final.
 */
export class DeletedChats {
  private readonly snapshots = new Map<ConversationId, ConversationSnapshot>();

  constructor(private readonly db: Db) {}

  delete(id: ConversationId): void {
    inTransaction(this.db, () => {
      const snapshot = snapshotConversation(this.db, id);
      chats.deleteConversation(this.db, id);
      if (snapshot) this.snapshots.set(id, snapshot);
    });
  }

  /** Put a deleted conversation back; its id may change if a new one took it. */
  restore(id: ConversationId): ConversationId {
    const snapshot = this.snapshots.get(id);
    if (!snapshot)
      throw new UserError(
        'nothing-to-restore',
        `conversation ${id} was not deleted since Rose started, so it cannot be restored`,
      );
    const restored = inTransaction(this.db, () => restoreConversation(this.db, snapshot));
    this.snapshots.delete(id);
    return restored;
  }
}
