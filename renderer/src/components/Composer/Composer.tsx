import { useEffect, useRef } from 'react';
import { useApp } from '../../appContext.js';
import { useStore } from '../../stores/createStore.js';
import { ComposerSettings } from './ComposerSettings.js';
import { ContextMeter } from './ContextMeter.js';
import { GenerationPanel } from './GenerationPanel.js';
import { MessageBox } from './MessageBox.js';

/** The bottom of the chat: what went wrong last, the message box, and the reply settings. */
export function Composer({ busy }: { busy: boolean }) {
  const app = useApp();
  const actionError = useStore(app.chat.store, (s) => s.actionError);
  const actionNote = useStore(app.chat.store, (s) => s.actionNote);
  const view = useStore(app.chat.store, (s) => s.view);
  const askParent = useStore(app.chat.store, (s) => s.actionErrorCode === 'ask-a-parent');
  const focusComposer = useStore(app.ui, (s) => s.focusComposer);
  const box = useRef<HTMLTextAreaElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new request to focus (New chat) moves focus here
  useEffect(() => {
    box.current?.focus();
  }, [focusComposer]);

  return (
    <section className="composer" aria-label="Composer">
      {actionError && askParent && (
        <section className="ask-parent" role="alert" aria-label="Ask a parent">
          <p className="ask-parent__title">Time for a break</p>
          <p>{actionError}</p>
        </section>
      )}
      {actionError && !askParent && (
        <p className="composer__error" role="alert">
          {actionError}
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
        onSend={(text) => app.chat.send(text)}
        onStop={() => void app.chat.stop()}
      />
      <ComposerSettings disabled={busy} />
      <GenerationPanel disabled={busy} />
    </section>
  );
}
