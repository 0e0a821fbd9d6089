import { useState } from 'react';

type Props = { initial: string; onSubmit: (text: string) => void; onCancel: () => void };

/** Edit a sent message; sending makes a new version of it (a branch) and a new reply. */
export function EditForm({ initial, onSubmit, onCancel }: Props) {
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
        aria-label="Edit message"
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
          Save and send
        </button>
        <button type="button" className="button button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
