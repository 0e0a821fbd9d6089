import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../appContext.js';
import { i18n } from '../../i18n/index.js';
import { replyAnnouncement } from '../../lib/replyAnnouncement.js';
import { useStore } from '../../stores/createStore.js';

/**
 * A polite live region that says "Reply finished" when a reply of the open conversation ends, so
 * someone using a screen reader knows without watching the text grow. Always in the page: a live
 * region added together with its text is often not read.
 */
export function ReplyAnnouncer() {
  const app = useApp();
  const streams = useStore(app.streams);
  const view = useStore(app.chat.store, (s) => s.view);
  const previous = useRef(streams);
  const [text, setText] = useState('');
  const [count, setCount] = useState(0);

  // An announcement belongs to its moment: a language change empties the region instead of
  // leaving the old language's words in the page.
  useEffect(() => {
    const clear = () => setText('');
    i18n.on('languageChanged', clear);
    return () => i18n.off('languageChanged', clear);
  }, []);

  useEffect(() => {
    const shown = (id: number) => view?.messages.some((m) => m.id === id) ?? false;
    const said = replyAnnouncement(previous.current, streams, shown);
    previous.current = streams;
    if (said) {
      setText(said);
      setCount((n) => n + 1);
    }
  }, [streams, view]);

  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {/* The key makes a repeated "Reply finished" a new node, so it is read again. */}
      <span key={count}>{text}</span>
    </div>
  );
}
