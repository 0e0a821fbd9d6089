import { type KeyboardEvent, type Ref, useState } from 'react';
import { useTranslation } from '../../i18n/index.js';

type Props = {
  /** A reply is being written: Send gives way to Stop. */
  busy: boolean;
  /** Returns false when the message was not accepted (the text is then put back). */
  onSend: (text: string) => Promise<boolean> | boolean;
  onStop: () => void;
  ref?: Ref<HTMLTextAreaElement>;
};

/**
 * The message box and its Send / Stop button. Enter sends, Shift+Enter starts a new line, Esc stops
 * the reply being written. Keys pressed while an input method composes text are left alone.
 */
export function MessageBox({ busy, onSend, onStop, ref }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');

  const send = async () => {
    if (busy || text.trim() === '') return;
    const sent = text;
    setText('');
    if (!(await onSend(sent))) setText((current) => (current === '' ? sent : current));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      void send();
    } else if (e.key === 'Escape' && busy) {
      e.preventDefault();
      e.stopPropagation();
      onStop();
    }
  };

  return (
    <form
      className="message-box"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label htmlFor="composer-message" className="visually-hidden">
        {t('composer.message.label')}
      </label>
      <textarea
        id="composer-message"
        ref={ref}
        value={text}
        rows={Math.min(8, Math.max(1, text.split('\n').length))}
        placeholder={t('composer.message.placeholder')}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {busy ? (
        <button type="button" className="button button--danger" onClick={onStop}>
          {t('composer.message.stop')}
        </button>
      ) : (
        <button type="submit" className="button button--primary" disabled={text.trim() === ''}>
          {t('composer.message.send')}
        </button>
      )}
    </form>
  );
}
