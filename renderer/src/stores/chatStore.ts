import type { ReplyAccepted, Result, RoseApi, RoseEvent } from '../../../shared/contract/index.js';
import type {
  ChatGeneration,
  Conversation,
  ConversationId,
  ConversationView,
  MessageId,
  PresetVersionId,
} from '../../../shared/domain.js';
import { TITLE_MAX_CHARS } from '../../../shared/contract/fields.js';
import { CallError, errorMessage, messageOf, unwrap } from '../api/call.js';
import { i18n } from '../i18n/index.js';
import { createStore } from './createStore.js';
import { isFinished } from './streamReducer.js';
import type { StreamsStore } from './streamsStore.js';

/** Settings for the next new conversation (an open one keeps its own, changed with configure). */
export type DraftSettings = {
  modelId: string | null;
  presetVersionId: PresetVersionId | null;
  /** null = the preset version's own α. */
  alpha: number | null;
  roseEnabled: boolean;
  /** Sampling, max tokens and stop texts the new chat starts with; null = the app's defaults. */
  generation: ChatGeneration | null;
};

export type ChatState = {
  /** null = a new, empty chat. */
  conversationId: ConversationId | null;
  view: ConversationView | null;
  status: 'ready' | 'loading' | 'error';
  /** Why the conversation could not be shown. */
  error: string | null;
  /** Why the last send, regenerate, edit or stop failed (shown above the composer). */
  actionError: string | null;
  /** Something worth saying about the last action that is not an error (shown the same way). */
  actionNote: string | null;
  /** Its code: `ask-a-parent` (quiet hours, the daily limit) is shown as a friendly screen. */
  actionErrorCode: string | null;
  /** A summary for "continue in a new chat" is being written. */
  summarising: boolean;
  draft: DraftSettings;
};

export type ConfigurePatch = Partial<DraftSettings>;

/** The conversation on screen: open, send, stop, regenerate, edit, branches, settings. */
export function createChatModel(
  api: RoseApi,
  streams: StreamsStore,
  onConversation: (conversation: Conversation) => void,
) {
  const store = createStore<ChatState>({
    conversationId: null,
    view: null,
    status: 'ready',
    error: null,
    actionError: null,
    actionNote: null,
    actionErrorCode: null,
    summarising: false,
    draft: { modelId: null, presetVersionId: null, alpha: null, roseEnabled: true, generation: null },
  });
  // Every request for the view takes a ticket; only the latest one's answer is shown, so a slow
  // answer to an older request cannot replace a newer view (e.g. a reply back to "streaming").
  let openTicket = 0;

  const setView = (view: ConversationView) => {
    store.set((s) =>
      s.conversationId === view.conversation.id ? { ...s, view, status: 'ready', error: null } : s,
    );
    // A finished reply now shown from the stored message no longer needs its stream.
    const all = streams.get();
    for (const message of view.messages) {
      const stream = all[message.id];
      if (stream && isFinished(stream) && message.status !== 'streaming') streams.forget(message.id);
    }
  };

  async function open(id: ConversationId) {
    const ticket = ++openTicket;
    store.set((s) => ({
      ...s,
      conversationId: id,
      status: 'loading',
      error: null,
      actionError: null,
      actionErrorCode: null,
    }));
    const result = await api.chats.open({ conversationId: id });
    if (ticket !== openTicket) return;
    if (result.ok) setView(result.value);
    else store.set((s) => ({ ...s, view: null, status: 'error', error: errorMessage(result.error) }));
  }

  /** Reload the open conversation quietly (after a reply finished or a branch changed). */
  async function refresh() {
    const id = store.get().conversationId;
    if (id === null) return;
    const ticket = ++openTicket;
    const result = await api.chats.open({ conversationId: id });
    if (ticket !== openTicket) return;
    if (result.ok) setView(result.value);
    else if (store.get().status === 'loading') {
      store.set((s) => ({ ...s, view: null, status: 'error', error: errorMessage(result.error) }));
    }
  }

  function newChat() {
    openTicket++;
    store.set((s) => ({
      ...s,
      conversationId: null,
      view: null,
      status: 'ready',
      error: null,
      actionError: null,
      actionErrorCode: null,
    }));
  }

  /** Why an action failed, above the composer; its code picks a friendlier screen where there is one. */
  const showActionError = (error: unknown) =>
    store.set((s) => ({
      ...s,
      actionError: messageOf(error),
      actionErrorCode: error instanceof CallError ? error.code : null,
    }));

  /** Run a send-like call; on acceptance show the conversation with its streaming reply. */
  async function startReply(
    call: Promise<Result<ReplyAccepted>>,
    afterAccepted?: (accepted: ReplyAccepted) => Promise<unknown>,
  ) {
    store.set((s) => ({ ...s, actionError: null, actionNote: null, actionErrorCode: null }));
    try {
      const accepted = await unwrap(call);
      await afterAccepted?.(accepted);
      onConversation(accepted.conversation);
      const current = store.get();
      if (current.conversationId === null || current.conversationId === accepted.conversation.id) {
        openTicket++;
        store.set((s) => ({ ...s, conversationId: accepted.conversation.id }));
        await refresh();
      }
      return true;
    } catch (error) {
      showActionError(error);
      return false;
    }
  }

  function send(text: string): Promise<boolean> {
    const { conversationId, draft } = store.get();
    if (conversationId !== null) return startReply(api.chats.send({ conversationId, text }));
    const { maxTokens, stop: _stop, ...sampling } = draft.generation ?? {};
    return startReply(
      api.chats.send({
        text,
        ...(draft.modelId === null ? {} : { modelId: draft.modelId }),
        ...(draft.presetVersionId === null ? {} : { presetVersionId: draft.presetVersionId }),
        ...(draft.alpha === null ? {} : { alpha: draft.alpha }),
        roseEnabled: draft.roseEnabled,
        ...(Object.keys(sampling).length > 0 ? { sampling } : {}),
        ...(maxTokens === undefined ? {} : { maxTokens }),
      }),
      // The new chat keeps the draft's settings for its next replies (stop texts apply from then).
      async (accepted) => {
        if (draft.generation !== null)
          await api.chats.configure({
            conversationId: accepted.conversation.id,
            generation: draft.generation,
          });
      },
    );
  }

  /** Regenerate: a new seed when sampling; greedy decoding gives the same reply, so say so. */
  async function regenerate(messageId: MessageId) {
    const started = await startReply(api.chats.regenerate({ messageId }));
    const temperature = store.get().view?.conversation.generation?.temperature ?? 0;
    if (started && temperature === 0)
      store.set((s) => ({
        ...s,
        actionNote: i18n.t('chat.notes.greedyRegenerate'),
      }));
    return started;
  }
  const editAndResend = (messageId: MessageId, text: string) =>
    startReply(api.chats.editAndResend({ messageId, text }));
  /** Go on with a reply that stopped at the length limit (or was stopped). */
  const continueReply = (messageId: MessageId) => startReply(api.chats.continue({ messageId }));

  /** Run a call that answers with the conversation view, and show it. */
  async function changeView(call: Promise<Result<ConversationView>>) {
    store.set((s) => ({ ...s, actionError: null, actionNote: null }));
    const ticket = ++openTicket;
    try {
      const view = await unwrap(call);
      if (ticket === openTicket) setView(view);
      onConversation(view.conversation);
      return true;
    } catch (error) {
      store.set((s) => ({ ...s, actionError: messageOf(error) }));
      return false;
    }
  }
  const deleteMessage = (messageId: MessageId) => changeView(api.chats.deleteMessage({ messageId }));
  const editReply = (messageId: MessageId, text: string) =>
    changeView(api.chats.editReply({ messageId, text }));

  /**
   * Carry the open conversation into a new one that starts from a summary the model writes, and
   * open it; the old conversation stays as it is. Answers false when it could not be done (the
   * reason is shown above the composer).
   */
  async function continueInNewChat(): Promise<boolean> {
    const view = store.get().view;
    if (!view || store.get().summarising) return false;
    store.set((s) => ({
      ...s,
      summarising: true,
      actionError: null,
      actionNote: null,
      actionErrorCode: null,
    }));
    try {
      // The contract caps titles; the old title leaves room for the words around it.
      const title = i18n.t('chat.summary.newTitle', {
        title: view.conversation.title.slice(0, TITLE_MAX_CHARS - 40),
      });
      const created = await unwrap(
        api.chats.continueInNewChat({ conversationId: view.conversation.id, title }),
      );
      onConversation(created.conversation);
      openTicket++;
      store.set((s) => ({ ...s, conversationId: created.conversation.id, status: 'ready', error: null }));
      setView(created);
      return true;
    } catch (error) {
      showActionError(error);
      return false;
    } finally {
      store.set((s) => ({ ...s, summarising: false }));
    }
  }

  /** The reply of this conversation being written now, if any. */
  function streamingMessageId(): MessageId | null {
    const view = store.get().view;
    if (!view) return null;
    const all = streams.get();
    for (const message of view.messages) {
      const stream = all[message.id];
      if (stream ? !isFinished(stream) : message.status === 'streaming') return message.id;
    }
    return null;
  }

  async function stop() {
    const messageId = streamingMessageId();
    if (messageId === null) return;
    const result = await api.chats.stop({ messageId });
    if (!result.ok)
      store.set((s) => ({
        ...s,
        actionError: i18n.t('chat.notes.stopFailed', { error: errorMessage(result.error) }),
        actionErrorCode: null,
      }));
  }

  async function selectBranch(messageId: MessageId) {
    const ticket = ++openTicket;
    try {
      const view = await unwrap(api.chats.selectBranch({ messageId }));
      if (ticket === openTicket) setView(view);
    } catch (error) {
      store.set((s) => ({ ...s, actionError: messageOf(error), actionErrorCode: null }));
    }
  }

  /** Change model, preset, α or ROSE on/off: the open conversation's, or the draft's for a new one. */
  async function configure(patch: ConfigurePatch) {
    const { conversationId } = store.get();
    if (conversationId === null) {
      store.set((s) => ({ ...s, draft: { ...s.draft, ...patch } }));
      return;
    }
    try {
      const conversation = await unwrap(
        api.chats.configure({
          conversationId,
          ...(patch.modelId ? { modelId: patch.modelId } : {}),
          ...(patch.presetVersionId ? { presetVersionId: patch.presetVersionId } : {}),
          ...('alpha' in patch ? { alpha: patch.alpha ?? null } : {}),
          ...(patch.roseEnabled === undefined ? {} : { roseEnabled: patch.roseEnabled }),
          ...('generation' in patch ? { generation: patch.generation ?? null } : {}),
        }),
      );
      onConversation(conversation);
      store.set((s) =>
        s.view && s.view.conversation.id === conversation.id
          ? { ...s, view: { ...s.view, conversation } }
          : s,
      );
    } catch (error) {
      store.set((s) => ({ ...s, actionError: messageOf(error), actionErrorCode: null }));
    }
  }

  /** App events: stream pieces go to the streams store; a finished reply reloads the view. */
  function onEvent(event: RoseEvent) {
    switch (event.type) {
      case 'chat.stored':
        streams.begin(event.assistantMessage.id, event.assistantMessage.text);
        onConversation(event.conversation);
        if (event.conversation.id === store.get().conversationId) void refresh();
        break;
      case 'chat.started':
      case 'chat.delta':
        streams.receive(event);
        break;
      case 'chat.finished':
        // Applied now, not at the next frame: the view reloads next, and its stored message must
        // never meet a stream that still shows the text of a frame ago under the final figures.
        streams.receive(event);
        streams.flushNow();
        if (event.conversationId === store.get().conversationId) void refresh();
        break;
    }
  }

  /** A deleted conversation that is open gives way to a new chat. */
  function closeIfOpen(id: ConversationId) {
    if (store.get().conversationId === id) newChat();
  }

  return {
    store,
    open,
    refresh,
    newChat,
    send,
    stop,
    regenerate,
    editAndResend,
    continueReply,
    deleteMessage,
    editReply,
    continueInNewChat,
    selectBranch,
    configure,
    onEvent,
    closeIfOpen,
    streamingMessageId,
  };
}

export type ChatModel = ReturnType<typeof createChatModel>;
