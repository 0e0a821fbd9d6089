import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.js';
import type { EvalReport } from '../../../shared/eval/report.js';
import type { EvalSuiteInfo } from '../../../shared/eval/runs.js';
import type { Proportion } from '../../../shared/eval/stats.js';
import { numberFlag } from '../args.js';
import { withCliRose } from '../contractClient.js';
import { GuardJudge } from '../../services/eval/guardJudge.js';
import { defaultThreadCount } from '../../engine/threads.js';
import { judgeJsonl, judgeJsonlWithGuard } from '../evalJudge.js';
import { followEvalGuard } from '../evalGuard.js';
import { followEvalRun } from '../evalRun.js';
import { dataDirOption, printJson } from '../store.js';

export const summary =
  'Safety bench: suites, runs, import FILE, run --model FILE --suite ID, judge FILE.jsonl, report RUN.';

export const usage =
  'usage: rose eval suites [--json] | runs [--json] | import FILE [--format F] [--name N] [--expected refuse|comply] [--json] | ' +
  'run --model FILE --suite ID[,ID] [--preset ID] [--alphas 0.25,0.5,1] [--no-plain] [--mode quick|full] [--max-tokens N] [--limit N] [--judge rules] [--guard GUARD.gguf] [--threads N] [--resume RUN] [--json] | ' +
  'judge FILE.jsonl [--guard GUARD.gguf] [--json] | guard RUN --guard GUARD.gguf [--json] | report RUN [--format text|json|jsonl|csv|html] [-o FILE]';

/** Every flag `rose eval` takes; also listed by `rose eval --help`. */
export const options = {
  ...dataDirOption,
  json: { type: 'boolean' },
  format: { type: 'string' },
  name: { type: 'string' },
  expected: { type: 'string' },
  model: { type: 'string', short: 'm' },
  suite: { type: 'string' },
  preset: { type: 'string', short: 'p' },
  alphas: { type: 'string' },
  'no-plain': { type: 'boolean' },
  mode: { type: 'string' },
  'max-tokens': { type: 'string' },
  limit: { type: 'string' },
  judge: { type: 'string' },
  guard: { type: 'string' },
  threads: { type: 'string' },
  resume: { type: 'string' },
  output: { type: 'string', short: 'o' },
} as const;

/** Every sub-command goes through the contract (validation, limits and policy as in the window). */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  const [action, target] = positionals;
  if (action === 'judge') {
    if (!target) throw new UserError('bad-argument', `give a JSONL file. ${usage}`);
    const text = readText(target);
    let judged: { lines: unknown[] };
    if (values.guard) {
      const guard = await GuardJudge.open(values.guard, { threads: guardThreads(values.threads) });
      try {
        judged = await judgeJsonlWithGuard(text, guard);
      } finally {
        await guard.dispose();
      }
    } else judged = judgeJsonl(text);
    if (values.json) printJson(judged);
    else process.stdout.write(judged.lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    return 0;
  }
  const threads =
    values.threads === undefined
      ? undefined
      : numberFlag('threads', values.threads, 1, { min: 1, integer: true });
  const config = {
    dataDir: values['data-dir'],
    threads,
    modelPath: action === 'run' ? values.model : undefined,
    log: (message: string) => process.stderr.write(`rose: ${message}\n`),
  };
  switch (action) {
    case 'suites':
      return withCliRose(config, async ({ call }) => {
        const suites = await call('app:eval.suites', {});
        if (values.json) printJson(suites);
        else for (const suite of suites) process.stdout.write(`${suiteLine(suite)}\n`);
        return 0;
      });
    case 'runs':
      return withCliRose(config, async ({ call }) => {
        const runs = await call('app:eval.runs', {});
        if (values.json) printJson(runs);
        else
          for (const r of runs)
            process.stdout.write(
              `${r.id}: ${r.status}, ${r.done}/${r.total} answers, ${r.modelName}, ${r.settings.map((s) => s.name).join(' / ')}, ${new Date(r.createdAt).toISOString()}\n`,
            );
        return 0;
      });
    case 'import': {
      if (!target) throw new UserError('bad-argument', `give the file to import. ${usage}`);
      const expected = values.expected;
      if (expected !== undefined && expected !== 'refuse' && expected !== 'comply')
        throw new UserError('bad-flag', "--expected must be 'refuse' or 'comply'.");
      return withCliRose(config, async ({ call }) => {
        const suite = await call('app:eval.import', {
          text: readText(target),
          format: values.format,
          name: values.name,
          expected,
        });
        if (values.json) printJson(suite);
        else process.stdout.write(`imported: ${suiteLine(suite)}\n`);
        return 0;
      });
    }
    case 'run':
      return withCliRose(config, async (cli) => {
        const finished = await followEvalRun(cli, {
          model: values.model,
          suite: values.suite,
          preset: values.preset,
          alphas: values.alphas,
          noPlain: values['no-plain'],
          maxTokens: values['max-tokens'],
          limit: values.limit,
          mode: values.mode,
          judge: values.judge,
          resume: values.resume,
          json: values.json,
        });
        if (finished.status === 'failed')
          throw new UserError('eval-run-failed', `run ${finished.id} failed: ${finished.error}`);
        // The second judge reads the answers once they exist (never beside the model answering).
        if (values.guard) await followEvalGuard(cli, finished.id, values.guard);
        const { report } = await cli.call('app:eval.report', { runId: finished.id });
        if (values.json) printJson(report);
        else process.stdout.write(reportText(report));
        return finished.status === 'finished' ? 0 : 130;
      });
    case 'guard': {
      if (!target) throw new UserError('bad-argument', `give a run id. ${usage}`);
      if (!values.guard) throw new UserError('missing-flag', '--guard GUARD.gguf is required.');
      const runId = numberFlag('run', target, 0, { min: 1, integer: true });
      return withCliRose(config, async (cli) => {
        await followEvalGuard(cli, runId, values.guard!);
        const { report } = await cli.call('app:eval.report', { runId });
        if (values.json) printJson(report);
        else process.stdout.write(reportText(report));
        return 0;
      });
    }
    case 'report': {
      if (!target) throw new UserError('bad-argument', `give a run id. ${usage}`);
      const runId = numberFlag('run', target, 0, { min: 1, integer: true });
      const format = values.format ?? (values.json ? 'json' : 'text');
      return withCliRose(config, async ({ call }) => {
        let text: string;
        if (format === 'text') text = reportText((await call('app:eval.report', { runId })).report);
        else text = (await call('app:eval.export', { runId, format: format as 'json' })).text;
        if (values.output) writeFileSync(values.output, text);
        else process.stdout.write(text);
        return 0;
      });
    }
    default:
      throw new UserError('bad-command', usage);
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError('file-unreadable', `cannot read ${path}: ${(error as Error).message}`);
  }
}

function suiteLine(suite: EvalSuiteInfo): string {
  const key = suite.builtinKey ? ` (built-in '${suite.builtinKey}')` : '';
  const { refuse, help, quality } = suite.counts;
  return `${suite.id}${key}: ${suite.name} [${suite.format}], ${suite.items} items: refuse ${refuse}, comply ${help + quality} (help ${help}, quality ${quality}); quick ${suite.quickItems || 'sampled'}`;
}

const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const rate = (p: Proportion) => (p.n === 0 ? '—' : `${pct(p.rate)} [${pct(p.low)}, ${pct(p.high)}] n=${p.n}`);

/** A short plain-text report for the terminal. */
export function reportText(report: EvalReport): string {
  const { run } = report;
  const lines = [
    `run ${run.id} (${run.status}, ${run.done}/${run.total} answers)`,
    `model ${run.modelName} sha256 ${run.modelSha256}`,
    `preset ${run.presetId} v${run.presetVersion} · max ${run.maxTokens} tokens · greedy · ${run.mode} · judge ${run.judge} · Rose ${run.roseVersion}`,
    ...(run.guard
      ? [
          `second judge ${run.guard.name} sha256 ${run.guard.sha256}: ${report.guarded} answers judged, ${report.disagreements} disagree with the rules`,
        ]
      : []),
    '',
  ];
  for (const s of report.summaries) {
    lines.push(
      `${s.setting}`,
      `  safety (refused harmful)  ${rate(s.refusal)}`,
      `  over-refusal full         ${rate(s.overRefusal)}`,
      `  over-refusal partial      ${rate(s.overRefusalPartial)}`,
      `  pair accuracy             ${rate(s.pairAccuracy)}`,
      `  quality                   ${rate(s.quality)}`,
      `  degenerate                ${rate(s.degenerate)}`,
      `  mean tokens ${s.meanAnswerTokens?.toFixed(1) ?? '—'}, ${s.tokensPerSecond?.toFixed(1) ?? '—'} tokens/s, steered ${pct(s.steeredShare)}`,
    );
  }
  for (const c of report.comparisons)
    lines.push(
      `${c.setting} vs plain: safety ${signed(c.safety.difference)} (McNemar p ${c.safety.pValue.toFixed(3)}), over-refusal ${signed(c.overRefusalAny.difference)}, ${c.flips.length} flips`,
    );
  lines.push(
    '',
    report.suggestion.setting
      ? `suggested (not applied): ${report.suggestion.setting}: ${report.suggestion.reason}`
      : `no α suggested: ${report.suggestion.reason}`,
  );
  for (const warning of [...report.warnings, ...run.notes]) lines.push(`note: ${warning}`);
  return `${lines.join('\n')}\n`;
}

function signed(value: number | null): string {
  if (value === null) return '—';
  return `${value >= 0 ? '+' : '-'}${Math.abs(value * 100).toFixed(1)} pt`;
}

function guardThreads(flag: string | undefined): number {
  return flag === undefined
    ? defaultThreadCount()
    : numberFlag('threads', flag, 1, { min: 1, integer: true });
}
