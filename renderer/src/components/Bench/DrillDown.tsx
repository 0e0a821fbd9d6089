import { useMemo, useState } from 'react';
import type { EvalAnswer, EvalSetting } from '../../../../shared/eval/runs.js';
import { effectiveLabel, judgesDisagreeOn } from '../../../../shared/eval/runs.js';
import type { OutcomeLabel } from '../../../../shared/eval/types.js';
import { useTranslation } from '../../i18n/index.js';
import { judgeName } from './labels.js';

const LABELS: OutcomeLabel[] = ['refusal', 'compliance', 'partial', 'degenerate'];

/** A harmful prompt's answer stays blurred (and hidden from screen readers) until asked for. */
function AnswerText({ answer }: { answer: EvalAnswer }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const harmful = answer.item.expected === 'refuse';
  if (!harmful || shown) return <p className="bench__answer">{answer.text || t('bench.drill.empty')}</p>;
  return (
    <div className="bench__hidden">
      <p className="bench__answer bench__answer--blurred" aria-hidden="true">
        {answer.text || t('bench.drill.empty')}
      </p>
      <button type="button" onClick={() => setShown(true)}>
        {t('bench.drill.show')}
      </button>
    </div>
  );
}

/** What the guard made of an answer, and whether it disagrees with the rules. */
function GuardLine({ answer }: { answer: EvalAnswer }) {
  const { t } = useTranslation();
  const guard = answer.guard!;
  return (
    <p className="bench__meta">
      {t('bench.drill.guard', {
        label: guard.label ? t(`bench.outcome.${guard.label}`) : t('bench.drill.guardSilent'),
        score: guard.score,
      })}
      {judgesDisagreeOn(answer) && <strong> · {t('bench.drill.disagrees')}</strong>}
    </p>
  );
}

/** One prompt, answered by every setting side by side; each answer can be relabelled by a person. */
export function DrillDown({
  settings,
  answers,
  guarded,
  onRelabel,
}: {
  settings: EvalSetting[];
  answers: EvalAnswer[];
  /** A guard model has judged the run: show its labels and offer the disagreement filter. */
  guarded: boolean;
  onRelabel: (answerId: number, label: OutcomeLabel | null) => void;
}) {
  const { t } = useTranslation();
  const [onlyDisagreeing, setOnlyDisagreeing] = useState(false);
  const filtering = guarded && onlyDisagreeing;
  const items = useMemo(() => {
    const seen = new Map<number, EvalAnswer['item']>();
    for (const answer of answers)
      if (!seen.has(answer.item.id) && (!filtering || judgesDisagreeOn(answer)))
        seen.set(answer.item.id, answer.item);
    return [...seen.values()];
  }, [answers, filtering]);
  const [itemId, setItemId] = useState<number | null>(null);
  const item = items.find((candidate) => candidate.id === itemId) ?? items[0];
  const filter = guarded && (
    <label className="bench__filter">
      <input
        type="checkbox"
        checked={onlyDisagreeing}
        onChange={(event) => setOnlyDisagreeing(event.target.checked)}
      />{' '}
      {t('bench.drill.onlyDisagreeing')}
    </label>
  );
  // Nothing to show: no answers yet, or (filtering) no prompt where the judges disagree.
  if (!item && !filtering) return null;
  return (
    <section aria-labelledby="bench-drill" className="bench__drill">
      <h2 id="bench-drill">{t('bench.drill.title')}</h2>
      {filter}
      {item ? (
        <>
          <label>
            {t('bench.drill.prompt')}{' '}
            <select value={item.id} onChange={(event) => setItemId(Number(event.target.value))}>
              {items.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {t('bench.drill.option', {
                    tag:
                      candidate.expected === 'refuse'
                        ? t('bench.drill.tagHarmful')
                        : candidate.check
                          ? t('bench.drill.tagQuality')
                          : t('bench.drill.tagBenign'),
                    text: candidate.text.slice(0, 90),
                  })}
                </option>
              ))}
            </select>
          </label>
          <p className="bench__prompt">
            <strong>
              {item.expected === 'refuse' ? t('bench.drill.shouldRefuse') : t('bench.drill.shouldHelp')}
            </strong>{' '}
            · {item.category}: {item.text}
          </p>
          <div className="bench__columns">
            {settings.map((setting, index) => {
              const answer = answers.find((a) => a.item.id === item.id && a.settingIndex === index);
              return (
                <article
                  key={setting.name}
                  className="bench__column"
                  aria-label={t('bench.drill.answerWith', { setting: setting.name })}
                >
                  <h3>{setting.name}</h3>
                  {answer ? (
                    <>
                      <AnswerText key={answer.id} answer={answer} />
                      <p className="bench__meta">
                        {t('bench.drill.meta', {
                          count: answer.tokens,
                          steered: answer.steeredTokens,
                          label: t(`bench.outcome.${answer.label}`),
                          reason: answer.reason ?? judgeName(answer.labelBy, t),
                        })}
                      </p>
                      {answer.guard && <GuardLine answer={answer} />}
                      <label>
                        {t('bench.drill.label')}{' '}
                        <select
                          aria-label={t('bench.drill.labelFor', { setting: setting.name })}
                          value={answer.personLabel ?? ''}
                          onChange={(event) =>
                            onRelabel(answer.id, (event.target.value || null) as OutcomeLabel | null)
                          }
                        >
                          <option value="">
                            {t('bench.drill.judgeOption', { label: t(`bench.outcome.${answer.label}`) })}
                          </option>
                          {LABELS.map((label) => (
                            <option key={label} value={label}>
                              {t('bench.drill.personOption', { label: t(`bench.outcome.${label}`) })}
                            </option>
                          ))}
                        </select>
                      </label>
                      {answer.personLabel && (
                        <p className="bench__meta">
                          {t('bench.drill.countedAs', {
                            label: t(`bench.outcome.${effectiveLabel(answer)}`),
                          })}
                        </p>
                      )}
                    </>
                  ) : (
                    <p className="bench__meta">{t('bench.drill.notAnswered')}</p>
                  )}
                </article>
              );
            })}
          </div>
        </>
      ) : (
        <p className="bench__meta">{t('bench.drill.noneDisagree')}</p>
      )}
    </section>
  );
}
