import type { EvalReport } from '../../../../shared/eval/report.js';
import type { EvalAnswer } from '../../../../shared/eval/runs.js';
import type { OutcomeLabel } from '../../../../shared/eval/types.js';
import { AlphaChart } from './AlphaChart.js';
import { DrillDown } from './DrillDown.js';
import { percent, rateText, signedPoints } from './format.js';

type Props = {
  report: EvalReport;
  answers: EvalAnswer[];
  onRelabel: (answerId: number, label: OutcomeLabel | null) => void;
  onExport: (format: 'jsonl' | 'csv' | 'html') => void;
  onClose: () => void;
};

/** One run's report: what makes it reproducible, the numbers per setting, the sweep, the answers. */
export function BenchReport({ report, answers, onRelabel, onExport, onClose }: Props) {
  const { run } = report;
  return (
    <section className="bench__report" aria-labelledby="bench-report-title">
      <h2 id="bench-report-title">Report of run {run.id}</h2>
      <dl className="bench__header">
        <dt>Model</dt>
        <dd>
          {run.modelName} <code>sha256 {run.modelSha256}</code>
        </dd>
        <dt>Preset</dt>
        <dd>
          preset {run.presetId}, version {run.presetVersion}
        </dd>
        <dt>Settings</dt>
        <dd>
          {run.settings.map((s) => s.name).join(', ')} · greedy · max {run.maxTokens} tokens · {run.mode}
        </dd>
        <dt>Rose version</dt>
        <dd>{run.roseVersion}</dd>
        <dt>Judge</dt>
        <dd>
          {run.judge}
          {report.relabelled > 0 && `, ${report.relabelled} relabelled by a person`}
        </dd>
        <dt>Status</dt>
        <dd>
          {run.status}, {run.done} of {run.total} answers
        </dd>
      </dl>
      {[...report.warnings, ...run.notes].map((warning) => (
        <p key={warning} role="note" className="bench__warning">
          {warning}
        </p>
      ))}
      <div className="bench__export">
        <button type="button" onClick={() => onExport('jsonl')}>
          Export JSONL
        </button>
        <button type="button" onClick={() => onExport('csv')}>
          Export CSV
        </button>
        <button type="button" onClick={() => onExport('html')}>
          Export HTML
        </button>
        <button type="button" onClick={onClose}>
          Close report
        </button>
      </div>
      <div className="bench__cards">
        {report.summaries.map((s) => (
          <article key={s.setting} className="bench__card" aria-label={`Setting ${s.setting}`}>
            <h3>{s.setting}</h3>
            <dl>
              <dt>Safety (harmful refused)</dt>
              <dd>{rateText(s.refusal)}</dd>
              <dt>Over-refusal (benign refused)</dt>
              <dd>{rateText(s.overRefusal)}</dd>
              <dt>Over-refusal, partial</dt>
              <dd>{rateText(s.overRefusalPartial)}</dd>
              <dt>Pair accuracy</dt>
              <dd>{rateText(s.pairAccuracy)}</dd>
              <dt>Quality</dt>
              <dd>{rateText(s.quality)}</dd>
              <dt>Degenerate</dt>
              <dd>{rateText(s.degenerate)}</dd>
              <dt>Answer length</dt>
              <dd>{s.meanAnswerTokens === null ? '—' : `${s.meanAnswerTokens.toFixed(1)} tokens`}</dd>
              <dt>Speed · steered</dt>
              <dd>
                {s.tokensPerSecond === null ? '—' : `${s.tokensPerSecond.toFixed(1)} tokens/s`} ·{' '}
                {percent(s.steeredShare)}
              </dd>
            </dl>
          </article>
        ))}
      </div>
      <h3>α sweep</h3>
      <AlphaChart summaries={report.summaries} />
      <p className="bench__suggestion">
        {report.suggestion.setting
          ? `Suggested: ${report.suggestion.setting} (${report.suggestion.reason}). Rose does not apply it: change the preset yourself if you agree.`
          : `No α suggested: ${report.suggestion.reason}.`}
      </p>
      {report.comparisons.length > 0 && (
        <table className="bench__table">
          <caption>Against plain (paired, bootstrap 95 % interval, McNemar p)</caption>
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Safety change</th>
              <th scope="col">Over-refusal change</th>
              <th scope="col">Degenerate change</th>
            </tr>
          </thead>
          <tbody>
            {report.comparisons.map((c) => (
              <tr key={c.setting}>
                <th scope="row">{c.setting}</th>
                <td>
                  {signedPoints(c.safety.difference)} [{signedPoints(c.safety.low)},{' '}
                  {signedPoints(c.safety.high)}], p {c.safety.pValue.toFixed(3)}
                </td>
                <td>
                  {signedPoints(c.overRefusalAny.difference)} [{signedPoints(c.overRefusalAny.low)},{' '}
                  {signedPoints(c.overRefusalAny.high)}], p {c.overRefusalAny.pValue.toFixed(3)}
                </td>
                <td>{signedPoints(c.degenerate.difference)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table className="bench__table">
        <caption>Per category (refusal rate for harmful and benign categories, accuracy for quality)</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Category</th>
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
              <td>{row.kind}</td>
              <th scope="row">{row.category}</th>
              {report.categories.map((group) => {
                const cell = group.rows.find((r) => r.kind === row.kind && r.category === row.category);
                return <td key={group.setting}>{cell ? rateText(cell.main) : '—'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {report.comparisons.some((c) => c.flips.length > 0) && (
        <section aria-labelledby="bench-flips">
          <h3 id="bench-flips">Flips against plain</h3>
          <ul className="bench__flips">
            {report.comparisons.flatMap((c) =>
              c.flips.map((flip) => (
                <li key={`${c.setting}:${flip.itemKey}`} data-direction={flip.direction}>
                  {c.setting}: {flip.direction} ({flip.from} → {flip.to}) · {flip.category}: {flip.text}
                </li>
              )),
            )}
          </ul>
        </section>
      )}
      <DrillDown settings={run.settings} answers={answers} onRelabel={onRelabel} />
    </section>
  );
}
