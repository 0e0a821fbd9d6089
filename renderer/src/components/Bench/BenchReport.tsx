import type { ComponentProps } from 'react';
import type { PairedComparison } from '../../../../shared/eval/metrics.js';
import type { EvalReport } from '../../../../shared/eval/report.js';
import type { EvalAnswer } from '../../../../shared/eval/runs.js';
import type { OutcomeLabel } from '../../../../shared/eval/types.js';
import { type TFunction, useTranslation } from '../../i18n/index.js';
import { AlphaChart } from './AlphaChart.js';
import { DrillDown } from './DrillDown.js';
import { GuardPanel } from './GuardPanel.js';
import { judgeName } from './labels.js';
import { percent, rateText, signedPoints } from './format.js';

type Props = {
  report: EvalReport;
  answers: EvalAnswer[];
  /** For the second judge: the registered models, a guard's progress, and how to start one. */
  guard: Omit<ComponentProps<typeof GuardPanel>, 'report'>;
  onRelabel: (answerId: number, label: OutcomeLabel | null) => void;
  onExport: (format: 'jsonl' | 'csv' | 'html') => void;
  onClose: () => void;
};

/** "+12.0 pt [+3.0 pt, +20.0 pt], p 0.012": a paired difference with its interval and McNemar p. */
function intervalText(c: PairedComparison, t: TFunction): string {
  return t('bench.report.interval', {
    difference: signedPoints(c.difference, t),
    low: signedPoints(c.low, t),
    high: signedPoints(c.high, t),
    p: c.pValue,
  });
}

/** One run's report: what makes it reproducible, the numbers per setting, the sweep, the answers. */
export function BenchReport({ report, answers, guard, onRelabel, onExport, onClose }: Props) {
  const { t } = useTranslation();
  const { run } = report;
  return (
    <section className="bench__report" aria-labelledby="bench-report-title">
      <h2 id="bench-report-title">{t('bench.report.title', { id: run.id })}</h2>
      <dl className="bench__header">
        <dt>{t('bench.report.model')}</dt>
        <dd>
          {/* i18n-ignore: the name of the hash, the same in every language */}
          {run.modelName} <code>sha256 {run.modelSha256}</code>
        </dd>
        <dt>{t('bench.report.preset')}</dt>
        <dd>{t('bench.report.presetValue', { id: run.presetId, version: run.presetVersion })}</dd>
        <dt>{t('bench.report.settings')}</dt>
        <dd>
          {t('bench.report.settingsValue', {
            settings: run.settings.map((s) => s.name).join(', '),
            count: run.maxTokens,
            mode: t(`bench.mode.${run.mode}`),
          })}
        </dd>
        <dt>{t('bench.report.roseVersion')}</dt>
        <dd>{run.roseVersion}</dd>
        <dt>{t('bench.report.judge')}</dt>
        <dd>
          {judgeName(run.judge, t)}
          {report.relabelled > 0 && t('bench.report.relabelled', { count: report.relabelled })}
        </dd>
        <dt>{t('bench.report.status')}</dt>
        <dd>
          {t('bench.report.statusValue', {
            status: t(`bench.status.${run.status}`),
            answers: t('bench.count.answersOf', { done: run.done, count: run.total }),
          })}
        </dd>
      </dl>
      {[...report.warnings, ...run.notes].map((warning) => (
        <p key={warning} role="note" className="bench__warning">
          {warning}
        </p>
      ))}
      <div className="bench__export">
        <button type="button" onClick={() => onExport('jsonl')}>
          {t('bench.report.export', { format: 'JSONL' })}
        </button>
        <button type="button" onClick={() => onExport('csv')}>
          {t('bench.report.export', { format: 'CSV' })}
        </button>
        <button type="button" onClick={() => onExport('html')}>
          {t('bench.report.export', { format: 'HTML' })}
        </button>
        <button type="button" onClick={onClose}>
          {t('bench.report.close')}
        </button>
      </div>
      <div className="bench__cards">
        {report.summaries.map((s) => (
          <article
            key={s.setting}
            className="bench__card"
            aria-label={t('bench.report.setting', { name: s.setting })}
          >
            <h3>{s.setting}</h3>
            <dl>
              <dt>{t('bench.metric.safety')}</dt>
              <dd>{rateText(s.refusal, t)}</dd>
              <dt>{t('bench.metric.overRefusal')}</dt>
              <dd>{rateText(s.overRefusal, t)}</dd>
              <dt>{t('bench.metric.overRefusalPartial')}</dt>
              <dd>{rateText(s.overRefusalPartial, t)}</dd>
              <dt>{t('bench.metric.pairAccuracy')}</dt>
              <dd>{rateText(s.pairAccuracy, t)}</dd>
              <dt>{t('bench.metric.quality')}</dt>
              <dd>{rateText(s.quality, t)}</dd>
              <dt>{t('bench.metric.degenerate')}</dt>
              <dd>{rateText(s.degenerate, t)}</dd>
              <dt>{t('bench.metric.answerLength')}</dt>
              <dd>
                {s.meanAnswerTokens === null
                  ? '—'
                  : t('bench.format.meanTokens', { value: s.meanAnswerTokens })}
              </dd>
              <dt>{t('bench.metric.speedSteered')}</dt>
              <dd>
                {s.tokensPerSecond === null
                  ? '—'
                  : t('bench.format.tokensPerSecond', { value: s.tokensPerSecond })}{' '}
                · {percent(s.steeredShare, t)}
              </dd>
            </dl>
          </article>
        ))}
      </div>
      <h3>{t('bench.report.sweep')}</h3>
      <AlphaChart summaries={report.summaries} />
      <p className="bench__suggestion">
        {report.suggestion.setting
          ? t('bench.report.suggested', {
              setting: report.suggestion.setting,
              reason: report.suggestion.reason,
            })
          : t('bench.report.noSuggestion', { reason: report.suggestion.reason })}
      </p>
      {report.comparisons.length > 0 && (
        <table className="bench__table">
          <caption>{t('bench.report.comparisons')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bench.report.settingColumn')}</th>
              <th scope="col">{t('bench.report.safetyChange')}</th>
              <th scope="col">{t('bench.report.overRefusalChange')}</th>
              <th scope="col">{t('bench.report.degenerateChange')}</th>
            </tr>
          </thead>
          <tbody>
            {report.comparisons.map((c) => (
              <tr key={c.setting}>
                <th scope="row">{c.setting}</th>
                <td>{intervalText(c.safety, t)}</td>
                <td>{intervalText(c.overRefusalAny, t)}</td>
                <td>{signedPoints(c.degenerate.difference, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table className="bench__table">
        <caption>{t('bench.report.categories')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bench.report.kindColumn')}</th>
            <th scope="col">{t('bench.report.categoryColumn')}</th>
            {report.categories.map((group) => (
              <th key={group.setting} scope="col">
                {group.setting}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(report.categories[0]?.rows ?? []).map((row) => (
            <tr key={`${row.kind}:${row.category}`}>
              <td>{t(`bench.kind.${row.kind}`)}</td>
              <th scope="row">{row.category}</th>
              {report.categories.map((group) => {
                const cell = group.rows.find((r) => r.kind === row.kind && r.category === row.category);
                return <td key={group.setting}>{cell ? rateText(cell.main, t) : '—'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {report.comparisons.some((c) => c.flips.length > 0) && (
        <section aria-labelledby="bench-flips">
          <h3 id="bench-flips">{t('bench.report.flips')}</h3>
          <ul className="bench__flips">
            {report.comparisons.flatMap((c) =>
              c.flips.map((flip) => (
                <li key={`${c.setting}:${flip.itemKey}`} data-direction={flip.direction}>
                  {t('bench.report.flip', {
                    setting: c.setting,
                    direction: t(`bench.direction.${flip.direction}`),
                    from: t(`bench.outcome.${flip.from}`),
                    to: t(`bench.outcome.${flip.to}`),
                    category: flip.category,
                    text: flip.text,
                  })}
                </li>
              )),
            )}
          </ul>
        </section>
      )}
      <GuardPanel report={report} {...guard} />
      <DrillDown
        settings={run.settings}
        answers={answers}
        guarded={run.guard !== null}
        onRelabel={onRelabel}
      />
    </section>
  );
}
