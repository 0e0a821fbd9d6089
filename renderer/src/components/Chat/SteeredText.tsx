import type { SteeredSpan } from '../../../../shared/domain.js';
import { useTranslation } from '../../i18n/index.js';
import { steeredSegments, visibleToken } from '../../lib/steering.js';

/**
 * A reply as plain text with the tokens ROSE changed marked; hovering (or focusing) one shows what
 * the safe run alone would have written there.
 */
export function SteeredText({ text, spans }: { text: string; spans: readonly SteeredSpan[] }) {
  const { t } = useTranslation();
  return (
    <p className="steered-text">
      {steeredSegments(text, spans).map((segment, i) =>
        segment.safeOnly === null ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are a fixed cut of one text
          <span key={i}>{segment.text}</span>
        ) : (
          <mark
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are a fixed cut of one text
            key={i}
            className="steered-text__token"
            data-safe={visibleToken(segment.safeOnly, t)}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users reach the explanation too
            tabIndex={0}
          >
            {segment.text}
            <span className="offscreen">
              {' '}
              {t('chat.steered.safeAlone', { token: visibleToken(segment.safeOnly, t) })}
            </span>
          </mark>
        ),
      )}
    </p>
  );
}

/** The toggle between the rendered reply and the explained one. */
export function ExplainButton({ on, onToggle }: { on: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button--small" aria-pressed={on} onClick={onToggle}>
      {t('chat.steered.showChanges')}
    </button>
  );
}
