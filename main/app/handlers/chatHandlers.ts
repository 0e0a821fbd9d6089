import { resolve } from 'node:path';
import type { chatChannels, ParsedRequestOf } from '../../../shared/contract/index.js';
import type { ConversationId, MessageId } from '../../../shared/domain.js';
import { UserError } from '../../../shared/errors.js';
import type { Db } from '../../db/database.js';
import * as conversationsRepo from '../../db/conversationsRepo.js';
import * as messagesRepo from '../../db/messagesRepo.js';
import type { ChatService, GenerationOptions } from '../../services/chatService.js';
import * as chats from '../../services/chatsService.js';
import { exportConversation } from '../../services/conversationExport.js';
import type { ModelLibrary } from '../../services/models.js';
import * as presets from '../../services/presetsService.js';
import type { ChatRuns } from '../chatRuns.js';
import type { DeletedChats } from '../deletedChats.js';
import type { ChannelImpls } from '../handlerTypes.js';

export type ChatHandlerDeps = {
  db: Db;
  chatService: ChatService;
  runs: ChatRuns;
  deleted: DeletedChats;
  library: ModelLibrary;
  /** Runs engine work so that it waits its turn and stops with the app (AppEngine.withRun). */
  withEngine: <T>(work: (signal: AbortSignal) => Promise<T>) => Promise<T>;
  /** The model a conversation without one uses: the loaded model, else the one given at start. */
  defaultModelPath: () => string | null;
};

type GenerationInput = ParsedRequestOf<'app:chats.send'>;

export function chatHandlers(deps: ChatHandlerDeps): ChannelImpls<keyof typeof chatChannels> {
  const { db, chatService, runs } = deps;

  /** The contract's generation fields as the chat service takes them. */
  async function generationOptions(
    input: Omit<GenerationInput, 'text' | 'conversationId'>,
    conversationId: ConversationId | null,
  ): Promise<GenerationOptions> {
    const { modelId, ...rest } = input;
    let modelPath: string | undefined;
    if (modelId !== undefined) modelPath = resolve((await deps.library.get(modelId)).path);
    else if (conversationId === null || chats.getConversation(db, conversationId).model === null) {
      modelPath = deps.defaultModelPath() ?? undefined;
      if (!modelPath)
        throw new UserError('no-model', 'No model is loaded. Choose a model on the Models page first.');
    }
    return { ...rest, ...(modelPath ? { modelPath } : {}) };
  }

  return {
    'app:chats.list': (input) => chats.listConversations(db, input),
    'app:chats.open': ({ conversationId }) => chats.openConversation(db, conversationId),
    'app:chats.search': ({ query, limit }) => chats.searchChats(db, query, limit),
    'app:chats.send': async ({ conversationId, text, ...rest }) => {
      if (conversationId !== undefined) chats.getConversation(db, conversationId);
      const options = await generationOptions(rest, conversationId ?? null);
      return runs.start(options, (o, onEvent) =>
        chatService.sendMessage({ ...o, conversationId, text }, onEvent),
      );
    },
    'app:chats.stop': ({ messageId }) => ({ stopped: runs.stop(messageId) }),
    'app:chats.regenerate': async ({ messageId, ...rest }) => {
      const options = await generationOptions(rest, conversationOf(messageId));
      return runs.start(options, (o, onEvent) => chatService.regenerate(messageId, o, onEvent));
    },
    'app:chats.editAndResend': async ({ messageId, text, ...rest }) => {
      const options = await generationOptions(rest, conversationOf(messageId));
      return runs.start(options, (o, onEvent) => chatService.editAndResend(messageId, text, o, onEvent));
    },
    'app:chats.continue': async ({ messageId }) => {
      const options = await generationOptions({}, conversationOf(messageId));
      return runs.start(options, (o, onEvent) => chatService.continueReply(messageId, o, onEvent));
    },
    'app:chats.continueInNewChat': async ({ conversationId, title }) => {
      const created = await deps.withEngine((signal) =>
        chatService.continueInNewChat(conversationId, title, signal),
      );
      return chats.openConversation(db, created.id);
    },
    'app:chats.deleteMessage': ({ messageId }) =>
      chats.openConversation(db, chats.deleteMessage(db, messageId).id),
    'app:chats.editReply': ({ messageId, text }) =>
      chats.openConversation(db, chats.editReply(db, messageId, text).id),
    'app:chats.selectBranch': ({ messageId }) =>
      chats.openConversation(db, chats.selectBranch(db, messageId).id),
    'app:chats.configure': async ({
      conversationId,
      modelId,
      presetVersionId,
      alpha,
      beta,
      roseEnabled,
      generation,
    }) => {
      chats.getConversation(db, conversationId);
      if (presetVersionId !== undefined) presets.getVersion(db, presetVersionId);
      const model = modelId === undefined ? undefined : resolve((await deps.library.get(modelId)).path);
      conversationsRepo.updateConversation(db, conversationId, {
        model,
        presetVersionId,
        alpha,
        beta,
        roseEnabled,
        generation,
      });
      return chats.getConversation(db, conversationId);
    },
    'app:chats.rename': ({ conversationId, title }) => chats.renameConversation(db, conversationId, title),
    'app:chats.pin': ({ conversationId, pinned }) => chats.setPinned(db, conversationId, pinned),
    'app:chats.delete': ({ conversationId }) => {
      if (runs.isWriting(conversationId))
        throw new UserError(
          'conversation-busy',
          'Rose is still writing a reply in this conversation; stop it first.',
        );
      deps.deleted.delete(conversationId);
      return { conversationId };
    },
    'app:chats.restore': ({ conversationId }) =>
      chats.openConversation(db, deps.deleted.restore(conversationId)),
    'app:chats.export': ({ conversationId, format }) => {
      const conversation = chats.getConversation(db, conversationId);
      return {
        fileName: `${fileStem(conversation.title)}.${format === 'md' ? 'md' : 'rose-chat.json'}`,
        text: exportConversation(db, conversationId, format),
      };
    },
  };

  function conversationOf(messageId: MessageId): ConversationId {
    const message = messagesRepo.getMessage(db, messageId);
    if (!message) throw new UserError('message-not-found', `no message ${messageId}`);
    return message.conversationId;
  }
}

/** A file name from a title: letters, digits and dashes. */
export function fileStem(title: string): string {
  const stem = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem || 'rose';
}
