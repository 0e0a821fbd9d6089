import { useState } from 'react';
import { useTranslation } from '../../i18n/index.js';

type Props = {
  initial: string;
  onSubmit: (text: string) => void;
  onCancel: () => void;
  /** What saving does: "Save and send" for your messages (a new branch), "Save" for a reply. */
  submitLabel?: string;
  label?: string;
};

/** Edit a message: a sent one becomes a new version (a branch) with a new reply; a reply changes in place. */
export function EditForm({ initial, onSubmit, onCancel, submitLabel, label }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const send = () => {
    if (text.trim()) onSubmit(text);
  };
  return (
    <form
      className="edit-form"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        aria-label={label ?? t('chat.edit.editMessage')}
        value={text}
        // biome-ignore lint/a11y/noAutofocus: the user just chose to edit this message
        autoFocus
        rows={Math.min(10, Math.max(2, text.split('\n').length))}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            send();
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      <div className="edit-form__buttons">
        <button type="submit" className="button button--primary button--small" disabled={!text.trim()}>
          {submitLabel ?? t('chat.edit.saveAndSend')}
        </button>
        <button type="button" className="button button--small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
