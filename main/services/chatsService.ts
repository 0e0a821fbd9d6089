import type {
  Conversation,
  ConversationId,
  ConversationView,
  MessageId,
  SearchHit,
} from '../../shared/domain.js';
import { TITLE_MAX_CHARS } from '../../shared/contract/fields.js';
import { UserError } from '../../shared/errors.js';
import { type Db, inTransaction } from '../db/database.js';
import * as conversationsRepo from '../db/conversationsRepo.js';
import * as messagesRepo from '../db/messagesRepo.js';
import * as searchRepo from '../db/searchRepo.js';

/** Conversations as listed: pinned first, then most recently updated. */
export function listConversations(db: Db, page: { limit?: number; offset?: number } = {}): Conversation[] {
  return conversationsRepo.listConversations(db, { limit: page.limit ?? 50, offset: page.offset ?? 0 });
}

export function getConversation(db: Db, id: ConversationId): Conversation {
  const conversation = conversationsRepo.getConversation(db, id);
  if (!conversation) {
    throw new UserError(
      'conversation-not-found',
      `no conversation ${id}. Run 'rose chats list' to see them.`,
    );
  }
  return conversation;
}

/** The conversation's active branch, root first, with each message's place among its siblings. */
export function openConversation(db: Db, id: ConversationId): ConversationView {
  const conversation = getConversation(db, id);
  if (conversation.activeLeafId === null) return { conversation, messages: [] };
  const path = messagesRepo.branchPath(db, conversation.activeLeafId);
  const siblingsOf = new Map<MessageId | null, MessageId[]>();
  for (const { id: messageId, parentId } of messagesRepo.listTree(db, id)) {
    const list = siblingsOf.get(parentId) ?? [];
    list.push(messageId);
    siblingsOf.set(parentId, list);
  }
  return {
    conversation,
    messages: path.map((message) => {
      const siblings = siblingsOf.get(message.parentId) ?? [message.id];
      return {
        ...message,
        branch: { index: siblings.indexOf(message.id), count: siblings.length, siblingIds: [...siblings] },
      };
    }),
  };
}

export function renameConversation(db: Db, id: ConversationId, title: string): Conversation {
  const trimmed = title.replace(/\s+/g, ' ').trim();
  if (trimmed.length === 0 || trimmed.length > TITLE_MAX_CHARS) {
    throw new UserError('title-invalid', `a conversation title must be 1 to ${TITLE_MAX_CHARS} characters`);
  }
  getConversation(db, id);
  conversationsRepo.updateConversation(db, id, { title: trimmed });
  return getConversation(db, id);
}

export function setPinned(db: Db, id: ConversationId, pinned: boolean): Conversation {
  getConversation(db, id);
  conversationsRepo.updateConversation(db, id, { pinned });
  return getConversation(db, id);
}

export function deleteConversation(db: Db, id: ConversationId): void {
  if (!conversationsRepo.deleteConversation(db, id)) {
    throw new UserError('conversation-not-found', `no conversation ${id}`);
  }
}

/** Show the branch through `messageId` (following the newest replies below it). */
export function selectBranch(db: Db, messageId: MessageId): Conversation {
  return inTransaction(db, () => {
    const message = messagesRepo.getMessage(db, messageId);
    if (!message) throw new UserError('message-not-found', `no message ${messageId}`);
    conversationsRepo.updateConversation(db, message.conversationId, {
      activeLeafId: messagesRepo.newestLeaf(db, messageId),
    });
    return getConversation(db, message.conversationId);
  });
}

/**
 * Delete a message and everything after it on its branches. When the branch shown is gone, the
 * newest remaining branch at that point is shown (or the conversation is empty).
 */
export function deleteMessage(db: Db, messageId: MessageId): Conversation {
  return inTransaction(db, () => {
    const message = messagesRepo.getMessage(db, messageId);
    if (!message) throw new UserError('message-not-found', `no message ${messageId}`);
    if (message.status === 'streaming')
      throw new UserError('conversation-busy', 'this reply is still being written; stop it first');
    messagesRepo.deleteMessage(db, messageId);
    const conversation = getConversation(db, message.conversationId);
    // active_leaf_id is cleared by the foreign key when the shown branch went with the message.
    if (conversation.activeLeafId === null) {
      const siblings = messagesRepo.listSiblings(db, message.conversationId, message.parentId);
      const from = siblings.at(-1)?.id ?? message.parentId;
      conversationsRepo.updateConversation(db, message.conversationId, {
        activeLeafId: from === null ? undefined : messagesRepo.newestLeaf(db, from),
      });
    }
    return getConversation(db, message.conversationId);
  });
}

/** Replace a finished reply's text by hand; it is marked as edited, its provenance kept. */
export function editReply(db: Db, messageId: MessageId, text: string, at = Date.now()): Conversation {
  const message = messagesRepo.getMessage(db, messageId);
  if (!message) throw new UserError('message-not-found', `no message ${messageId}`);
  if (message.role !== 'assistant')
    throw new UserError('message-invalid', 'edit your own messages with Edit and resend');
  if (message.status === 'streaming')
    throw new UserError('conversation-busy', 'this reply is still being written; stop it first');
  if (text.trim() === '') throw new UserError('message-empty', 'the reply must not be empty');
  messagesRepo.editText(db, messageId, text, at);
  return getConversation(db, message.conversationId);
}

/** Full-text search over messages and titles, best matches first. */
export function searchChats(db: Db, query: string, limit = 50): SearchHit[] {
  return searchRepo.search(db, query, limit);
}
