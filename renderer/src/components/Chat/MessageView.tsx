import { memo, useState } from 'react';
import type { ConversationView } from '../../../../shared/domain.js';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
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

/** The statuses that are said under a message, each with its text `chat.message.<status>`. */
const labelledStatuses = ['stopped', 'interrupted'] as const;
const isLabelled = (status: string): status is (typeof labelledStatuses)[number] =>
  (labelledStatuses as readonly string[]).includes(status);

/**
 * One message, as an article named "You" or "Rose", with its actions. Memoised: while a reply
 * streams, only the message whose stream changed renders again, not the whole conversation.
 */
export const MessageView = memo(function MessageView({ message, stream, busy }: Props) {
  const app = useApp();
  const { t } = useTranslation();
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
  const notices = isUser || writing ? { context: null, cut: null } : replyNotices(shown, t);
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
      aria-label={isUser ? t('chat.message.you') : t('chat.message.rose')}
      aria-busy={writing}
    >
      <div className="message__who" aria-hidden="true">
        {isUser ? t('chat.message.you') : t('chat.message.rose')}
      </div>
      {editing ? (
        <EditForm
          initial={shown.text}
          onCancel={() => setEditing(false)}
          {...(isUser ? {} : { submitLabel: t('chat.edit.save'), label: t('chat.edit.editReply') })}
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
              {queued ? t('chat.message.waitingForOther') : t('chat.message.thinking')}
            </p>
          ) : explainable && explaining ? (
            <SteeredText text={text} spans={steering} />
          ) : (
            <Markdown text={text} streaming={writing} />
          )}
        </div>
      )}
      {isLabelled(status) && (
        <p className={`message__status message__status--${status}`}>{t(`chat.message.${status}`)}</p>
      )}
      {notices.cut && <p className="message__status message__status--stopped">{notices.cut}</p>}
      {notices.context && <p className="message__notice">{notices.context}</p>}
      {shown.editedAt !== null && !writing && (
        <p className="message__edited">{t('chat.message.editedByHand')}</p>
      )}
      {status === 'error' && (
        <p className="message__status message__status--error" role="alert">
          {t('chat.message.failed', { error: shown.errorMessage ?? t('chat.message.unknownError') })}
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
            {t('chat.message.edit')}
          </button>
          {!isUser && (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => void app.chat.regenerate(message.id)}
            >
              {t('chat.message.regenerate')}
            </button>
          )}
          {canContinue && (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => void app.chat.continueReply(message.id)}
            >
              {t('chat.message.continue')}
            </button>
          )}
          {confirmingDelete ? (
            <fieldset className="message__confirm">
              <legend>
                {isUser ? t('chat.message.confirmDeleteMessage') : t('chat.message.confirmDeleteReply')}
              </legend>
              <button
                type="button"
                className="button button--small button--danger"
                onClick={() => void app.chat.deleteMessage(message.id)}
              >
                {t('chat.message.delete')}
              </button>
              <button
                type="button"
                className="button button--small"
                onClick={() => setConfirmingDelete(false)}
              >
                {t('chat.message.keep')}
              </button>
            </fieldset>
          ) : (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => setConfirmingDelete(true)}
            >
              {t('chat.message.delete')}
            </button>
          )}
        </div>
      )}
      {!isUser && <ReplyFooter message={shown} />}
    </article>
  );
});
