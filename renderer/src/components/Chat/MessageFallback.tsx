import { useTranslation } from '../../i18n/index.js';

/** What a message shows if it could not be drawn: its text, plain, so nothing is lost or hidden. */
export function MessageFallback({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <article className="message message--fallback">
      <p className="message__status message__status--error">{t('chat.message.couldNotShow')}</p>
      <pre className="message__plain">{text}</pre>
    </article>
  );
}
