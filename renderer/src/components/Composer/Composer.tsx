import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';
import { useConnectionState } from '../ConnectionBanner/ConnectionBanner.js';
import { ComposerSettings } from './ComposerSettings.js';
import { ContextMeter } from './ContextMeter.js';
import { GenerationPanel } from './GenerationPanel.js';
import { MessageBox } from './MessageBox.js';
import { RoseExplainer } from './RoseExplainer.js';

/** The bottom of the chat: what went wrong last, the message box, and the reply settings. */
export function Composer({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  const app = useApp();
  const actionError = useStore(app.chat.store, (s) => s.actionError);
  const actionNote = useStore(app.chat.store, (s) => s.actionNote);
  const view = useStore(app.chat.store, (s) => s.view);
  const askParent = useStore(app.chat.store, (s) => s.actionErrorCode === 'ask-a-parent');
  const focusComposer = useStore(app.ui, (s) => s.focusComposer);
  const roseEnabled = useStore(
    app.chat.store,
    (s) => s.view?.conversation.roseEnabled ?? s.draft.roseEnabled,
  );
  const box = useRef<HTMLTextAreaElement>(null);
  const connection = useConnectionState();
  // A message sent while the connection is down waits in the client until it is back.
  const [waiting, setWaiting] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new request to focus (New chat) moves focus here
  useEffect(() => {
    box.current?.focus();
  }, [focusComposer]);

  return (
    <section className="composer" aria-label={t('composer.region')}>
      {actionError && askParent && (
        <section className="ask-parent" role="alert" aria-label={t('composer.askParent.region')}>
          <p className="ask-parent__title">{t('composer.askParent.title')}</p>
          <p>{actionError}</p>
        </section>
      )}
      {actionError && !askParent && (
        <p className="composer__error" role="alert">
          {actionError}
        </p>
      )}
      {waiting !== null && connection !== 'open' && (
        <p className="composer__waiting" role="status">
          {t('composer.waitingForConnection')}
        </p>
      )}
      {actionNote && (
        <p className="composer__note" role="status">
          {actionNote}
        </p>
      )}
      <ContextMeter view={view} />
      <MessageBox
        ref={box}
        busy={busy}
        onSend={async (text) => {
          setWaiting(text);
          try {
            return await app.chat.send(text);
          } finally {
            setWaiting(null);
          }
        }}
        onStop={() => void app.chat.stop()}
      />
      <ComposerSettings disabled={busy} />
      <RoseExplainer roseEnabled={roseEnabled} />
      <GenerationPanel disabled={busy} />
    </section>
  );
}
