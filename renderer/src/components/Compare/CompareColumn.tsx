import type { CompareAnswer } from '../../../../shared/contract/index.js';
import { replyStatsText, roseChipDetail, roseChipText } from '../../lib/chip.js';
import { useTranslation } from '../../i18n/index.js';
import { useState } from 'react';
import { ExplainButton, SteeredText } from '../Chat/SteeredText.js';
import { Markdown } from '../Markdown/Markdown.js';

type Props = { label: string; text: string; answer: CompareAnswer | null; running: boolean };

/** One side of a comparison: its settings, its answer as it streams, then its figures. */
export function CompareColumn({ label, text, answer, running }: Props) {
  const { t } = useTranslation();
  const [explaining, setExplaining] = useState(false);
  const steering = answer?.steering ?? [];
  return (
    <section className="compare__column" aria-label={label} aria-busy={running && !answer}>
      <h2>{label}</h2>
      {answer && steering.length > 0 && explaining ? (
        <SteeredText text={answer.text} spans={steering} />
      ) : text ? (
        <Markdown text={text} streaming={running && !answer} />
      ) : (
        <p className="message__waiting">{running ? t('compare.waiting') : t('compare.noText')}</p>
      )}
      {answer && steering.length > 0 && (
        <ExplainButton on={explaining} onToggle={() => setExplaining(!explaining)} />
      )}
      {answer && (
        <footer className="reply-footer">
          <span className="reply-footer__stats">
            {replyStatsText(
              {
                generated: answer.generated,
                tokensPerSecond: answer.timings.tokensPerSecond,
                firstTokenMs: answer.timings.firstTokenMs,
              },
              t,
            )}
          </span>
          <span
            className={`chip${answer.roseEnabled ? ' chip--on' : ''}`}
            title={roseChipDetail(chipOf(answer), t)}
          >
            {roseChipText(chipOf(answer), t)}
          </span>
          {answer.stopReason === 'aborted' && (
            <span className="reply-footer__stats">{t('compare.stopped')}</span>
          )}
        </footer>
      )}
    </section>
  );
}

function chipOf(answer: CompareAnswer) {
  return {
    roseEnabled: answer.roseEnabled,
    alpha: answer.alpha,
    steered: answer.steered,
    generated: answer.generated,
    presetName: null,
  };
}
