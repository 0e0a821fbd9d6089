import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { EvalReport } from '../../../shared/eval/report.js';
import { type EvalAnswer, effectiveLabel, judgesDisagreeOn } from '../../../shared/eval/runs.js';
import type { Proportion } from '../../../shared/eval/stats.js';

/**
 * A run's answers and report as files: JSON (the report), JSON lines and CSV (one answer per
 * line) and a self-contained HTML page that works offline (styles, data and chart.js inline).
 */

export type ExportFormat = 'json' | 'jsonl' | 'csv' | 'html';

export function exportRun(format: ExportFormat, report: EvalReport, answers: EvalAnswer[]): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'jsonl')
    return answers.map((answer) => `${JSON.stringify(answerLine(report, answer))}\n`).join('');
  if (format === 'csv') return answersCsv(report, answers);
  return reportHtml(report, answers);
}

function answerLine(report: EvalReport, answer: EvalAnswer) {
  return {
    runId: answer.runId,
    answerId: answer.id,
    setting: report.run.settings[answer.settingIndex]?.name ?? String(answer.settingIndex),
    alpha: report.run.settings[answer.settingIndex]?.alpha ?? null,
    itemId: answer.item.id,
    sourceRef: answer.item.sourceRef,
    prompt: answer.item.text,
    expected: answer.item.expected,
    category: answer.item.category,
    pairId: answer.item.pairId,
    response: answer.text,
    label: effectiveLabel(answer),
    judgeLabel: answer.label,
    labelBy: answer.personLabel === null ? answer.labelBy : 'person',
    reason: answer.reason,
    checkPassed: answer.checkPassed,
    guardLabel: answer.guard?.label ?? null,
    guardScore: answer.guard?.score ?? null,
    judgesDisagree: judgesDisagreeOn(answer),
    tokens: answer.tokens,
    seconds: answer.seconds,
    steeredTokens: answer.steeredTokens,
    stopReason: answer.stopReason,
  };
}

const CSV_COLUMNS = [
  'runId',
  'answerId',
  'setting',
  'alpha',
  'itemId',
  'sourceRef',
  'prompt',
  'expected',
  'category',
  'pairId',
  'response',
  'label',
  'judgeLabel',
  'labelBy',
  'reason',
  'checkPassed',
  'guardLabel',
  'guardScore',
  'judgesDisagree',
  'tokens',
  'seconds',
  'steeredTokens',
  'stopReason',
] as const;

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs a cell as a formula. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function answersCsv(report: EvalReport, answers: EvalAnswer[]): string {
  const lines = answers.map((answer) => {
    const line = answerLine(report, answer);
    return CSV_COLUMNS.map((column) => csvCell(line[column])).join(',');
  });
  return `${[CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);
const rate = (p: Proportion) =>
  p.n === 0 ? '— (n 0)' : `${pct(p.rate)} [${pct(p.low)}–${pct(p.high)}] (${p.successes}/${p.n})`;

/** chart.js's browser build, read from the installed package; null when it cannot be found. */
function chartJsSource(): string | null {
  try {
    const file = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  } catch {
    return null;
  }
}

function reportHtml(report: EvalReport, answers: EvalAnswer[]): string {
  const { run } = report;
  const chart = chartJsSource();
  const rows = report.summaries
    .map(
      (s) =>
        `<tr><th scope="row">${escapeHtml(s.setting)}</th><td>${rate(s.refusal)}</td><td>${rate(s.overRefusal)}</td><td>${rate(s.overRefusalPartial)}</td><td>${rate(s.pairAccuracy)}</td><td>${rate(s.quality)}</td><td>${rate(s.degenerate)}</td><td>${s.meanAnswerTokens?.toFixed(1) ?? '—'}</td><td>${s.tokensPerSecond?.toFixed(1) ?? '—'}</td><td>${pct(s.steeredShare)}</td></tr>`,
    )
    .join('\n');
  const comparisons = report.comparisons
    .map(
      (c) =>
        `<tr><th scope="row">${escapeHtml(c.setting)}</th><td>${signed(c.safety.difference)} [${signed(c.safety.low)}, ${signed(c.safety.high)}], p ${c.safety.pValue.toFixed(3)}</td><td>${signed(c.overRefusalAny.difference)} [${signed(c.overRefusalAny.low)}, ${signed(c.overRefusalAny.high)}], p ${c.overRefusalAny.pValue.toFixed(3)}</td><td>${signed(c.degenerate.difference)}</td><td>${c.flips.length}</td></tr>`,
    )
    .join('\n');
  const categories = report.categories
    .map(
      (group) =>
        `<h3>${escapeHtml(group.setting)}</h3><table><thead><tr><th>kind</th><th>category</th><th>n</th><th>main rate</th><th>partial</th><th>degenerate</th></tr></thead><tbody>${group.rows
          .map(
            (row) =>
              `<tr><td>${row.kind}</td><td>${escapeHtml(row.category)}</td><td>${row.n}</td><td>${rate(row.main)}</td><td>${rate(row.partial)}</td><td>${rate(row.degenerate)}</td></tr>`,
          )
          .join('')}</tbody></table>`,
    )
    .join('\n');
  const flips = report.comparisons
    .flatMap((c) =>
      c.flips.map(
        (f) =>
          `<tr><td>${escapeHtml(c.setting)}</td><td>${f.direction}</td><td>${f.kind}</td><td>${escapeHtml(f.category)}</td><td>${f.from} → ${f.to}</td><td>${escapeHtml(f.text)}</td></tr>`,
      ),
    )
    .join('\n');
  const answerRows = answers
    .map((answer) => {
      const setting = run.settings[answer.settingIndex]?.name ?? '';
      const harmful = answer.item.expected === 'refuse';
      const text = escapeHtml(answer.text);
      return `<tr><td>${escapeHtml(setting)}</td><td>${escapeHtml(answer.item.text)}</td><td>${harmful ? `<details><summary>show answer (harmful prompt)</summary>${text}</details>` : text}</td><td>${effectiveLabel(answer)}${answer.personLabel ? ' (person)' : ''}</td></tr>`;
    })
    .join('\n');
  const sweep = report.summaries;
  const chartData = JSON.stringify({
    labels: sweep.map((s) => s.setting),
    safety: sweep.map((s) => [s.refusal.rate, s.refusal.low, s.refusal.high]),
    over: sweep.map((s) => [s.overRefusal.rate, s.overRefusal.low, s.overRefusal.high]),
  }).replaceAll('<', '\\u003c');
  const suggestion = report.suggestion.setting
    ? `Suggested: ${escapeHtml(report.suggestion.setting)} — ${escapeHtml(report.suggestion.reason)}. Not applied: change the preset yourself if you agree.`
    : `No α suggested: ${escapeHtml(report.suggestion.reason)}.`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rose safety bench, run ${run.id}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d1d1f}table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}code{font-size:12px}.warn{background:#fff4d6;padding:.5rem 1rem;border-left:4px solid #d49a00}details summary{cursor:pointer;color:#8a1c1c}#chart{max-width:760px;max-height:360px}</style>
</head><body>
<h1>Rose safety bench — run ${run.id}</h1>
<table>
<tr><th>model</th><td>${escapeHtml(run.modelName)}<br><code>sha256 ${escapeHtml(run.modelSha256)}</code></td></tr>
<tr><th>preset</th><td>preset ${run.presetId}, version ${run.presetVersion} (version id ${run.presetVersionId})</td></tr>
<tr><th>settings</th><td>${run.settings.map((s) => escapeHtml(s.name)).join(', ')} · greedy · max ${run.maxTokens} tokens · ${run.mode}</td></tr>
<tr><th>Rose</th><td>${escapeHtml(run.roseVersion)}</td></tr>
<tr><th>judge</th><td>${escapeHtml(run.judge)}${report.relabelled ? `, ${report.relabelled} relabelled by a person` : ''}</td></tr>
${run.guard ? `<tr><th>second judge</th><td>${escapeHtml(run.guard.name)} (${report.guarded} answers judged, ${report.disagreements} disagree with the rules)<br><code>sha256 ${escapeHtml(run.guard.sha256)}</code></td></tr>\n` : ''}<tr><th>status</th><td>${run.status}, ${run.done}/${run.total} answers</td></tr>
</table>
${[...report.warnings, ...run.notes].map((w) => `<p class="warn">${escapeHtml(w)}</p>`).join('\n')}
<h2>Per setting</h2>
<p>Rates with 95 % Wilson intervals. Safety = full refusals of harmful prompts; over-refusal = full refusals of benign prompts (partial apart).</p>
<table><thead><tr><th>setting</th><th>safety (refused harmful)</th><th>over-refusal (full)</th><th>over-refusal (partial)</th><th>pair accuracy</th><th>quality</th><th>degenerate</th><th>mean tokens</th><th>tokens/s</th><th>steered</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>α sweep</h2>
${chart ? '<canvas id="chart" role="img" aria-label="Safety and over-refusal by setting, with 95 % intervals"></canvas>' : '<p>(chart.js was not found; the tables hold the same numbers)</p>'}
<h2>ROSE against plain (paired)</h2>
<table><thead><tr><th>setting</th><th>safety change [bootstrap 95 %], McNemar p</th><th>over-refusal change (full or partial)</th><th>degenerate change</th><th>flips</th></tr></thead><tbody>
${comparisons}
</tbody></table>
<p>${suggestion}</p>
<h2>Per category</h2>
${categories}
<h2>Flips</h2>
<table><thead><tr><th>setting</th><th>direction</th><th>kind</th><th>category</th><th>label</th><th>prompt</th></tr></thead><tbody>
${flips}
</tbody></table>
<h2>Answers</h2>
<table><thead><tr><th>setting</th><th>prompt</th><th>answer</th><th>label</th></tr></thead><tbody>
${answerRows}
</tbody></table>
${
  chart
    ? `<script>${chart.replaceAll('</script', '<\\/script')}</script>
<script>
const d = ${chartData};
const band = (rows, i) => rows.map((r) => r[i] === null ? null : r[i] * 100);
new Chart(document.getElementById('chart'), { type: 'line', data: { labels: d.labels, datasets: [
  { label: 'safety', data: band(d.safety, 0), borderColor: '#1a7f37' },
  { label: 'safety low', data: band(d.safety, 1), borderWidth: 0, pointRadius: 0, fill: false },
  { label: 'safety high', data: band(d.safety, 2), borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: 'rgba(26,127,55,.15)' },
  { label: 'over-refusal', data: band(d.over, 0), borderColor: '#b42318' },
  { label: 'over-refusal low', data: band(d.over, 1), borderWidth: 0, pointRadius: 0, fill: false },
  { label: 'over-refusal high', data: band(d.over, 2), borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: 'rgba(180,35,24,.15)' },
] }, options: { animation: false, scales: { y: { min: 0, max: 100, title: { display: true, text: '%' } } },
  plugins: { legend: { labels: { filter: (item) => !/ (low|high)$/.test(item.text) } } } } });
</script>`
    : ''
}
</body></html>
`;
}

function signed(value: number | null): string {
  if (value === null) return '—';
  return `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)} pt`;
}
