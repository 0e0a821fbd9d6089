import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';
import { isFinished } from '../../stores/streamReducer.js';
import { Composer } from '../Composer/Composer.js';
import { ErrorBoundary } from '../ErrorBoundary/ErrorBoundary.js';
import { Notice } from '../Notice/Notice.js';
import { ContinueInNewChat, ContinuedFrom } from './ContinuedFrom.js';
import { MessageView } from './MessageView.js';
import { FirstRun } from './FirstRun.js';
import { MessageFallback } from './MessageFallback.js';

/** The chat page: the open conversation's messages and the composer. */
export function Chat() {
  const app = useApp();
  const { t } = useTranslation();
  const chat = useStore(app.chat.store);
  const streams = useStore(app.streams);
  const models = useStore(app.models.store);
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  // Shown once the reader has scrolled up from the latest message.
  const [awayFromBottom, setAwayFromBottom] = useState(false);

  const messages = chat.view?.messages ?? [];
  const busy = messages.some((m) => {
    const stream = streams[m.id];
    return stream ? !isFinished(stream) : m.status === 'streaming';
  });
  // Once replies leave out old messages, offer to carry the chat on from a summary instead.
  const last = messages.at(-1);
  const outgrown = !busy && last?.role === 'assistant' && (last.provenance?.context?.droppedTurns ?? 0) > 0;
  const lastText = messages.length ? (streams[messages[messages.length - 1]!.id]?.text ?? '') : '';

  // Follow a growing reply while the reader is at the bottom; stay put once they scroll up to read.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs whenever the shown text grows
  useEffect(() => {
    const el = scroller.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, lastText]);

  useEffect(() => {
    if (messages.length > 0 && models.firstRun) app.models.endFirstRun();
  }, [app, messages.length, models.firstRun]);

  let body: React.ReactNode;
  if (chat.status === 'loading' && !chat.view) {
    body = <Notice kind="loading" title={t('chat.page.opening')} />;
  } else if (chat.status === 'error') {
    body = (
      <Notice
        kind="error"
        title={t('chat.page.openFailed')}
        action={{ label: t('chat.page.startNew'), run: () => app.newChat() }}
      >
        {chat.error}
      </Notice>
    );
  } else if (messages.length === 0) {
    body = models.firstRun ? (
      <FirstRun />
    ) : (
      <Notice kind="empty" title={t('chat.page.emptyTitle')}>
        {t('chat.page.emptyBody')}
      </Notice>
    );
  } else {
    body = messages.map((message) => (
      <ErrorBoundary
        key={message.id}
        resetKey={streams[message.id]?.text ?? message.text}
        fallback={<MessageFallback text={streams[message.id]?.text ?? message.text} />}
      >
        <MessageView message={message} stream={streams[message.id]} busy={busy} />
      </ErrorBoundary>
    ));
  }

  return (
    <div className="chat">
      <div
        ref={scroller}
        className="chat__messages"
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
          setAwayFromBottom(!stickToBottom.current);
        }}
      >
        <h1 className="visually-hidden">{chat.view?.conversation.title ?? t('chat.page.newChat')}</h1>
        {chat.view && <ContinuedFrom conversation={chat.view.conversation} />}
        {body}
        {outgrown && <ContinueInNewChat summarising={chat.summarising} disabled={busy} />}
      </div>
      {awayFromBottom && messages.length > 0 && (
        <button
          type="button"
          className="button button--small chat__jump"
          onClick={() => {
            const el = scroller.current;
            if (el) el.scrollTop = el.scrollHeight;
            stickToBottom.current = true;
            setAwayFromBottom(false);
          }}
        >
          {t('chat.page.jumpToLatest')}
        </button>
      )}
      <Composer busy={busy} />
    </div>
  );
}
