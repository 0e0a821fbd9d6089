import { useEffect, useRef, useState } from 'react';
import type { ConversationId } from '../../../../shared/domain.js';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { dateGroupLabel, groupByDate } from '../../lib/dateGroups.js';
import { useStore } from '../../stores/createStore.js';
import { Notice } from '../Notice/Notice.js';
import { ConversationItem } from './ConversationItem.js';
import { SearchResults } from './SearchResults.js';

/** New chat, full-text search, and the conversations grouped by date. */
export function Sidebar() {
  const app = useApp();
  const { t } = useTranslation();
  const chats = useStore(app.chats.store);
  const activeId = useStore(app.chat.store, (s) => s.conversationId);
  const focusSearch = useStore(app.ui, (s) => s.focusSearch);
  const searchRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    if (focusSearch > 0) searchRef.current?.focus();
  }, [focusSearch]);

  useEffect(() => {
    // Search as the user types, once they pause (one query per pause, not per key).
    const timer = setTimeout(() => void app.chats.search(query), 200);
    return () => clearTimeout(timer);
  }, [app, query]);

  const groups = groupByDate(chats.items, Date.now());
  // One Tab stop for the whole list (the conversation last focused, else the open one, else the
  // first); arrow keys move inside it, so Tab passes the list in one step.
  const [focusedId, setFocusedId] = useState<ConversationId | null>(null);
  const ids = groups.flatMap((g) => g.items.map((c) => c.id));
  const tabStopId = [focusedId, activeId].find((id) => id !== null && ids.includes(id)) ?? ids[0] ?? null;

  return (
    <nav className="sidebar" aria-label={t('sidebar.label')}>
      <button type="button" className="button button--primary new-chat" onClick={() => app.newChat()}>
        {t('sidebar.newChat')}
      </button>
      <div className="search">
        <label htmlFor="search-conversations" className="visually-hidden">
          {t('sidebar.search')}
        </label>
        <input
          id="search-conversations"
          ref={searchRef}
          type="search"
          placeholder={t('sidebar.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.stopPropagation();
              setQuery('');
            }
          }}
        />
      </div>
      {chats.hits !== null && query.trim() !== '' ? (
        <SearchResults
          hits={chats.hits}
          error={chats.searchError}
          onOpen={(id) => {
            app.goTo('chat');
            void app.chat.open(id);
          }}
        />
      ) : chats.status === 'loading' ? (
        <Notice kind="loading" title={t('sidebar.loading')} />
      ) : chats.status === 'error' ? (
        <Notice
          kind="error"
          title={t('sidebar.loadFailed')}
          action={{ label: t('common.tryAgain'), run: () => void app.chats.load() }}
        >
          {chats.error}
        </Notice>
      ) : groups.length === 0 ? (
        <p className="sidebar__empty">{t('sidebar.empty')}</p>
      ) : (
        <div className="conv-groups">
          <p id="conv-keys" className="visually-hidden">
            {t('sidebar.keysHint')}
          </p>
          {groups.map(({ group, items }) => (
            <section
              key={group}
              className="conv-group"
              aria-labelledby={`group-${group.replace(/\s+/g, '-')}`}
            >
              <h2 id={`group-${group.replace(/\s+/g, '-')}`} className="conv-group__title">
                {dateGroupLabel(group, t)}
              </h2>
              <ul className="conv-list">
                {items.map((conversation) => (
                  <ConversationItem
                    key={conversation.id}
                    conversation={conversation}
                    active={conversation.id === activeId}
                    tabStop={conversation.id === tabStopId}
                    onFocusWithin={() => setFocusedId(conversation.id)}
                  />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </nav>
  );
}
