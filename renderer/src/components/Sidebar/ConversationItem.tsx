import { useEffect, useRef, useState } from 'react';
import type { Conversation } from '../../../../shared/domain.js';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { moveFocus } from './listKeys.js';

type Props = {
  conversation: Conversation;
  active: boolean;
  /** The list's one Tab stop (see Sidebar): only its open button is in the Tab order. */
  tabStop: boolean;
  onFocusWithin: () => void;
};

/** One conversation in the sidebar: open it, pin it, rename it in place, delete it (with undo). */
export function ConversationItem({ conversation, active, tabStop, onFocusWithin }: Props) {
  const app = useApp();
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(conversation.title);
  const name = conversation.title;
  const renameButton = useRef<HTMLButtonElement>(null);
  // After a rename (saved or cancelled) the keyboard focus goes back to the Rename button.
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (refocus && !renaming) {
      renameButton.current?.focus();
      setRefocus(false);
    }
  }, [refocus, renaming]);
  const endRename = () => {
    setRenaming(false);
    setRefocus(true);
  };

  if (renaming) {
    const save = () => {
      endRename();
      if (title.trim() && title.trim() !== name) void app.chats.rename(conversation.id, title);
    };
    return (
      <li className="conv conv--renaming">
        <input
          aria-label={t('sidebar.item.newTitleFor', { name })}
          value={title}
          // biome-ignore lint/a11y/noAutofocus: the user just asked to rename this conversation
          autoFocus
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          onBlur={save}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              // Otherwise the same key press would click the Rename button that gets the focus back.
              e.preventDefault();
              save();
            }
            if (e.key === 'Escape') {
              e.stopPropagation();
              setTitle(name);
              endRename();
            }
          }}
        />
      </li>
    );
  }

  return (
    <li className={`conv${active ? ' conv--active' : ''}`} onFocus={onFocusWithin}>
      <button
        type="button"
        className="conv__open"
        tabIndex={tabStop ? 0 : -1}
        aria-describedby="conv-keys"
        onKeyDown={moveFocus}
        aria-current={active ? 'page' : undefined}
        onClick={() => {
          app.goTo('chat');
          void app.chat.open(conversation.id);
        }}
      >
        {conversation.pinned && <span aria-hidden="true">★ </span>}
        {name}
      </button>
      <span className="conv__actions">
        <button
          type="button"
          className="icon-button"
          tabIndex={-1}
          onKeyDown={moveFocus}
          aria-label={t('sidebar.item.pinNamed', { name })}
          aria-pressed={conversation.pinned}
          title={conversation.pinned ? t('sidebar.item.unpin') : t('sidebar.item.pin')}
          onClick={() => void app.chats.pin(conversation.id, !conversation.pinned)}
        >
          <span aria-hidden="true">{conversation.pinned ? '★' : '☆'}</span>
        </button>
        <button
          type="button"
          className="icon-button"
          ref={renameButton}
          tabIndex={-1}
          onKeyDown={moveFocus}
          aria-label={t('sidebar.item.renameNamed', { name })}
          title={t('sidebar.item.rename')}
          onClick={() => {
            setTitle(name);
            setRenaming(true);
          }}
        >
          <span aria-hidden="true">✎</span>
        </button>
        <button
          type="button"
          className="icon-button"
          tabIndex={-1}
          onKeyDown={moveFocus}
          aria-label={t('sidebar.item.deleteNamed', { name })}
          title={t('sidebar.item.delete')}
          onClick={(e) => {
            // The item goes away: the focus moves to the next conversation (or the one before,
            // or New chat) instead of being lost with it.
            const button = e.currentTarget;
            const next = focusAfterDelete(button);
            void app.chats.remove(conversation.id).then(() =>
              requestAnimationFrame(() => {
                if (!button.isConnected) next?.focus();
              }),
            );
          }}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </span>
    </li>
  );
}

/** Where the keyboard focus goes when the conversation holding `button` is deleted. */
function focusAfterDelete(button: HTMLElement): HTMLElement | null {
  const item = button.closest('li');
  const neighbour = item?.nextElementSibling ?? item?.previousElementSibling;
  return (
    neighbour?.querySelector<HTMLElement>('.conv__open') ??
    button.closest('nav')?.querySelector<HTMLElement>('.new-chat') ??
    null
  );
}
