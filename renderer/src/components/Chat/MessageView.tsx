import { memo, useState } from 'react';
import type { ConversationView } from '../../../../shared/domain.js';
import { useApp } from '../../appContext.js';
import { replyNotices } from '../../lib/contextText.js';
import { useStore } from '../../stores/createStore.js';
import type { ReplyStream } from '../../stores/streamReducer.js';
import { otherReplyWriting } from '../../stores/streamsStore.js';
import { CopyButton } from '../CopyButton/CopyButton.js';
import { Markdown } from '../Markdown/Markdown.js';
import { BranchArrows } from './BranchArrows.js';
import { EditForm } from './EditForm.js';
import { ReplyFooter } from './ReplyFooter.js';
import { ExplainButton, SteeredText } from './SteeredText.js';

type Props = {
  message: ConversationView['messages'][number];
  /** The live stream of a reply being written (or just finished). */
  stream: ReplyStream | undefined;
  /** True while any reply of this conversation is being written (actions wait). */
  busy: boolean;
};

const statusLabel: Record<string, string> = {
  stopped: 'Stopped',
  interrupted: 'Interrupted (Rose closed while writing)',
};

/**
 * One message, as an article named "You" or "Rose", with its actions. Memoised: while a reply
 * streams, only the message whose stream changed renders again, not the whole conversation.
 */
export const MessageView = memo(function MessageView({ message, stream, busy }: Props) {
  const app = useApp();
  const [editing, setEditing] = useState(false);
  const [explaining, setExplaining] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const final = stream?.final ?? null;
  const shown = final ?? message;
  const text = stream ? stream.text : message.text;
  const status = final ? final.status : stream ? 'streaming' : message.status;
  const isUser = message.role === 'user';
  const writing = status === 'streaming';
  const started = stream !== undefined && stream.phase !== 'waiting';
  const queued = useStore(app.streams, (s) => writing && !started && otherReplyWriting(s, message.id));
  const notices = isUser || writing ? { context: null, cut: null } : replyNotices(shown);
  const canContinue =
    !isUser &&
    !writing &&
    shown.text.trim() !== '' &&
    (notices.cut !== null || status === 'stopped' || status === 'interrupted');
  // The spans point into the generated text: a reply edited by hand is not explained.
  const steering = shown.provenance?.steering ?? [];
  const explainable = !isUser && !writing && steering.length > 0 && shown.editedAt === null;

  return (
    <article
      className={`message message--${message.role}`}
      aria-label={isUser ? 'You' : 'Rose'}
      aria-busy={writing}
    >
      <div className="message__who" aria-hidden="true">
        {isUser ? 'You' : 'Rose'}
      </div>
      {editing ? (
        <EditForm
          initial={shown.text}
          onCancel={() => setEditing(false)}
          {...(isUser ? {} : { submitLabel: 'Save', label: 'Edit reply' })}
          onSubmit={async (newText) => {
            const saved = isUser
              ? await app.chat.editAndResend(message.id, newText)
              : await app.chat.editReply(message.id, newText);
            if (saved) setEditing(false);
          }}
        />
      ) : (
        <div className="message__body">
          {text === '' && writing ? (
            <p className="message__waiting" role="status">
              {queued ? 'Waiting for another reply to finish…' : 'Thinking…'}
            </p>
          ) : explainable && explaining ? (
            <SteeredText text={text} spans={steering} />
          ) : (
            <Markdown text={text} streaming={writing} />
          )}
        </div>
      )}
      {status in statusLabel && (
        <p className={`message__status message__status--${status}`}>{statusLabel[status]}</p>
      )}
      {notices.cut && <p className="message__status message__status--stopped">{notices.cut}</p>}
      {notices.context && <p className="message__notice">{notices.context}</p>}
      {shown.editedAt !== null && !writing && <p className="message__edited">Edited by hand</p>}
      {status === 'error' && (
        <p className="message__status message__status--error" role="alert">
          The reply failed: {shown.errorMessage ?? 'unknown error'}. Try Regenerate.
        </p>
      )}
      {!editing && (
        <div className="message__actions">
          <BranchArrows branch={message.branch} onSelect={(id) => void app.chat.selectBranch(id)} />
          <CopyButton text={text} />
          {explainable && <ExplainButton on={explaining} onToggle={() => setExplaining(!explaining)} />}
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
          {!isUser && (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => void app.chat.regenerate(message.id)}
            >
              Regenerate
            </button>
          )}
          {canContinue && (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => void app.chat.continueReply(message.id)}
            >
              Continue
            </button>
          )}
          {confirmingDelete ? (
            <fieldset className="message__confirm">
              <legend>Delete this {isUser ? 'message and its replies' : 'reply and what follows'}?</legend>
              <button
                type="button"
                className="button button--small button--danger"
                onClick={() => void app.chat.deleteMessage(message.id)}
              >
                Delete
              </button>
              <button
                type="button"
                className="button button--small"
                onClick={() => setConfirmingDelete(false)}
              >
                Keep
              </button>
            </fieldset>
          ) : (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => setConfirmingDelete(true)}
            >
              Delete
            </button>
          )}
        </div>
      )}
      {!isUser && <ReplyFooter message={shown} />}
    </article>
  );
});
