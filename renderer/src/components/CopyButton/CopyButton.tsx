import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/index.js';
import { copyText } from '../../lib/clipboard.js';

type Props = { text: string; label?: string };

/** A button that copies `text` and says so for a moment (announced to screen readers too). */
export function CopyButton({ text, label }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <button
        type="button"
        className="button button--small"
        aria-label={label ?? t('app.copy.copy')}
        onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}
      >
        {t(state === 'copied' ? 'app.copy.copied' : state === 'failed' ? 'app.copy.failed' : 'app.copy.copy')}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {state === 'copied'
          ? t('app.copy.copiedAnnounce')
          : state === 'failed'
            ? t('app.copy.failedAnnounce')
            : ''}
      </span>
    </>
  );
}
