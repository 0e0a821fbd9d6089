import type { Conversation } from '../../../../shared/domain.js';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';

/** At the top of a chat that continues an earlier one: the summary its replies start from. */
export function ContinuedFrom({ conversation }: { conversation: Conversation }) {
  const app = useApp();
  const { t } = useTranslation();
  if (conversation.summary === null) return null;
  const earlier = conversation.continuedFrom;
  return (
    <section className="chat__summary" aria-label={t('chat.summary.region')}>
      <p>{t('chat.summary.intro')}</p>
      <blockquote className="chat__summary-text">{conversation.summary}</blockquote>
      {earlier !== null && (
        <button type="button" className="button button--small" onClick={() => void app.chat.open(earlier)}>
          {t('chat.summary.openEarlier')}
        </button>
      )}
    </section>
  );
}

/** Under a chat that outgrew the model's context: carry it on in a new chat from a summary. */
export function ContinueInNewChat({ summarising, disabled }: { summarising: boolean; disabled: boolean }) {
  const app = useApp();
  const { t } = useTranslation();
  return (
    <div className="chat__outgrown" role="status">
      <span>{t('chat.summary.outgrown')}</span>
      <button
        type="button"
        className="button button--small"
        disabled={disabled || summarising}
        onClick={() => void app.chat.continueInNewChat()}
      >
        {summarising ? t('chat.summary.writing') : t('chat.summary.continue')}
      </button>
    </div>
  );
}
