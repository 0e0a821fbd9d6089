import { useEffect, useRef } from 'react';
import { useApp } from '../../appContext.js';
import { useStore } from '../../stores/createStore.js';
import { ComposerSettings } from './ComposerSettings.js';
import { MessageBox } from './MessageBox.js';
import { RoseExplainer } from './RoseExplainer.js';

/** The bottom of the chat: what went wrong last, the message box, and the reply settings. */
export function Composer({ busy }: { busy: boolean }) {
  const app = useApp();
  const actionError = useStore(app.chat.store, (s) => s.actionError);
  const focusComposer = useStore(app.ui, (s) => s.focusComposer);
  const roseEnabled = useStore(
    app.chat.store,
    (s) => s.view?.conversation.roseEnabled ?? s.draft.roseEnabled,
  );
  const box = useRef<HTMLTextAreaElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new request to focus (New chat) moves focus here
  useEffect(() => {
    box.current?.focus();
  }, [focusComposer]);

  return (
    <section className="composer" aria-label="Composer">
      {actionError && (
        <p className="composer__error" role="alert">
          {actionError}
        </p>
      )}
      <MessageBox
        ref={box}
        busy={busy}
        onSend={(text) => app.chat.send(text)}
        onStop={() => void app.chat.stop()}
      />
      <ComposerSettings disabled={busy} />
      <RoseExplainer roseEnabled={roseEnabled} />
    </section>
  );
}
