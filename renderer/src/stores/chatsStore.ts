import type { RoseApi } from '../../../shared/contract/index.js';
import type { Conversation, ConversationId, SearchHit } from '../../../shared/domain.js';
import { errorMessage, messageOf, unwrap } from '../api/call.js';
import { i18n } from '../i18n/index.js';
import { createStore } from './createStore.js';
import type { Toasts } from './toastsStore.js';

export type ChatsState = {
  items: Conversation[];
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  query: string;
  /** null when no search is active. */
  hits: SearchHit[] | null;
  searchError: string | null;
};

/** The sidebar's conversation list, search, and the list actions (pin, rename, delete with undo). */
export function createChatsModel(api: RoseApi, toasts: Toasts, onDeleted: (id: ConversationId) => void) {
  const store = createStore<ChatsState>({
    items: [],
    status: 'loading',
    error: null,
    query: '',
    hits: null,
    searchError: null,
  });
  let searchTicket = 0;

  async function load() {
    try {
      const items = await unwrap(api.chats.list({ limit: 500 }));
      store.set((s) => ({ ...s, items, status: 'ready', error: null }));
    } catch (error) {
      store.set((s) => ({ ...s, status: 'error', error: messageOf(error) }));
    }
  }

  /** Full-text search; an answer to an older query than the latest is dropped. */
  async function search(query: string) {
    const ticket = ++searchTicket;
    store.set((s) => ({ ...s, query }));
    if (query.trim() === '') {
      store.set((s) => ({ ...s, hits: null, searchError: null }));
      return;
    }
    const result = await api.chats.search({ query, limit: 50 });
    if (ticket !== searchTicket) return;
    store.set((s) =>
      result.ok
        ? { ...s, hits: result.value, searchError: null }
        : { ...s, hits: [], searchError: errorMessage(result.error) },
    );
  }

  /** Put a changed or new conversation in the list (the list stays pinned-first, newest-first). */
  function upsert(conversation: Conversation) {
    store.set((s) => {
      const others = s.items.filter((c) => c.id !== conversation.id);
      const items = [conversation, ...others].sort(
        (a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt,
      );
      return { ...s, items };
    });
  }

  async function rename(id: ConversationId, title: string) {
    try {
      upsert(await unwrap(api.chats.rename({ conversationId: id, title })));
    } catch (error) {
      toasts.show(i18n.t('sidebar.toast.renameFailed', { error: messageOf(error) }));
    }
  }

  async function pin(id: ConversationId, pinned: boolean) {
    try {
      upsert(await unwrap(api.chats.pin({ conversationId: id, pinned })));
    } catch (error) {
      toasts.show(
        i18n.t(pinned ? 'sidebar.toast.pinFailed' : 'sidebar.toast.unpinFailed', { error: messageOf(error) }),
      );
    }
  }

  async function remove(id: ConversationId) {
    const title = store.get().items.find((c) => c.id === id)?.title ?? i18n.t('sidebar.toast.untitled');
    try {
      await unwrap(api.chats.delete({ conversationId: id }));
    } catch (error) {
      toasts.show(i18n.t('sidebar.toast.deleteFailed', { error: messageOf(error) }));
      return;
    }
    store.set((s) => ({ ...s, items: s.items.filter((c) => c.id !== id) }));
    onDeleted(id);
    toasts.show(i18n.t('sidebar.toast.deleted', { title }), {
      label: i18n.t('sidebar.toast.undo'),
      run: async () => {
        try {
          upsert((await unwrap(api.chats.restore({ conversationId: id }))).conversation);
        } catch (error) {
          toasts.show(i18n.t('sidebar.toast.restoreFailed', { error: messageOf(error) }));
        }
      },
    });
  }

  return { store, load, search, upsert, rename, pin, remove };
}

export type ChatsModel = ReturnType<typeof createChatsModel>;
