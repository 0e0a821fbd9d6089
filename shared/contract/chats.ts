import { z } from 'zod';
import type { Conversation, ConversationView, Message, SearchHit } from '../domain.js';
import { channel } from './channel.js';
import {
  alphaField,
  betaField,
  chatGenerationField,
  conversationIdField,
  conversationTitleField,
  type ExportedFile,
  generationOptionsShape,
  messageIdField,
  messageTextField,
  modelIdField,
  presetVersionIdField,
} from './fields.js';

/**
 * What `send`, `regenerate` and `editAndResend` answer as soon as the messages are stored; the
 * reply itself then streams as `chat.*` events for `assistantMessage.id`.
 */
export type ReplyAccepted = {
  conversation: Conversation;
  /** The new user message; null for a regenerate (it answers an existing one). */
  userMessage: Message | null;
  /** The reply being written (status `streaming`, empty text). */
  assistantMessage: Message;
};

const conversationRef = z.strictObject({ conversationId: conversationIdField });
const messageRef = z.strictObject({ messageId: messageIdField });

/** Conversations, messages and the streaming chat. */
export const chatChannels = {
  /** Conversations, pinned first, then most recently updated. */
  'app:chats.list': channel<Conversation[]>()(
    z
      .strictObject({
        limit: z.int().min(1).max(500).optional(),
        offset: z.int().min(0).optional(),
      })
      .default({}),
  ),
  /** A conversation's active branch, root first, each message with its branch position. */
  'app:chats.open': channel<ConversationView>()(conversationRef),
  /** Full-text search over messages and titles, best first, with highlighted snippets. */
  'app:chats.search': channel<SearchHit[]>()(
    z.strictObject({
      query: z.string({ error: 'the query must be text' }).max(500, { error: 'the query is too long' }),
      limit: z.int().min(1).max(200).optional(),
    }),
  ),
  /** Add a user message (to a new conversation when no id is given) and start the reply. */
  'app:chats.send': channel<ReplyAccepted>()(
    z.strictObject({
      conversationId: conversationIdField.optional(),
      text: messageTextField,
      ...generationOptionsShape,
    }),
  ),
  /** Stop the reply being written to `messageId`; it keeps its text and is marked stopped. */
  'app:chats.stop': channel<{ stopped: boolean }>()(messageRef),
  /** A new reply to the same user message (a sibling branch of `messageId` when it is a reply). */
  'app:chats.regenerate': channel<ReplyAccepted>()(
    z.strictObject({ messageId: messageIdField, ...generationOptionsShape }),
  ),
  /** An edited copy of a user message as a new branch beside it, and its reply. */
  'app:chats.editAndResend': channel<ReplyAccepted>()(
    z.strictObject({ messageId: messageIdField, text: messageTextField, ...generationOptionsShape }),
  ),
  /** Show the branch through `messageId` (previous/next arrows). */
  'app:chats.selectBranch': channel<ConversationView>()(messageRef),
  /** Change the conversation's model, preset version, weights or ROSE switch for the next reply. */
  'app:chats.configure': channel<Conversation>()(
    z.strictObject({
      conversationId: conversationIdField,
      modelId: modelIdField.optional(),
      presetVersionId: presetVersionIdField.optional(),
      /** null = use the preset version's own weight. */
      alpha: alphaField.nullable().optional(),
      beta: betaField.nullable().optional(),
      roseEnabled: z.boolean().optional(),
      /** Sampling, max tokens and stop texts for this conversation; null = the app's defaults. */
      generation: chatGenerationField.nullable().optional(),
    }),
  ),
  /** Go on with a reply that was cut at the length limit or stopped; it grows in place. */
  'app:chats.continue': channel<ReplyAccepted>()(messageRef),
  /**
   * A new conversation that continues this one from a summary the model writes (with the
   * conversation's own ROSE settings): for a conversation that outgrew the context. Answers once
   * the summary is written; `title` is the new conversation's (the renderer words it).
   */
  'app:chats.continueInNewChat': channel<ConversationView>()(
    z.strictObject({
      conversationId: conversationIdField,
      title: conversationTitleField,
    }),
  ),
  /** Delete one message and everything that follows it on its branches. */
  'app:chats.deleteMessage': channel<ConversationView>()(messageRef),
  /** Replace a finished reply's text by hand (marked as edited; what ROSE did is kept). */
  'app:chats.editReply': channel<ConversationView>()(
    z.strictObject({ messageId: messageIdField, text: messageTextField }),
  ),
  'app:chats.rename': channel<Conversation>()(
    z.strictObject({
      conversationId: conversationIdField,
      title: conversationTitleField,
    }),
  ),
  'app:chats.pin': channel<Conversation>()(
    z.strictObject({
      conversationId: conversationIdField,
      pinned: z.boolean({ error: 'pinned must be true or false' }),
    }),
  ),
  /** Delete a conversation; `app:chats.restore` brings it back while this app runs. */
  'app:chats.delete': channel<{ conversationId: Conversation['id'] }>()(conversationRef),
  /** Undo a delete made since the app started. */
  'app:chats.restore': channel<ConversationView>()(conversationRef),
  /** Markdown (the branch shown) or JSON (every branch, full provenance). */
  'app:chats.export': channel<ExportedFile>()(
    z.strictObject({
      conversationId: conversationIdField,
      format: z.enum(['md', 'json'], { error: "format must be 'md' or 'json'" }),
    }),
  ),
};
