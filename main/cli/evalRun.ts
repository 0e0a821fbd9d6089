import { resolve } from 'node:path';
import type { RoseEvent } from '../../shared/contract/index.js';
import { UserError } from '../../shared/errors.js';
import type { EvalProgress, EvalRun } from '../../shared/eval/runs.js';
import { numberFlag } from './args.js';
import type { CliRose } from './contractClient.js';

/** What `rose eval run` was asked, after parsing its flags. */
export type EvalRunFlags = {
  model?: string;
  suite?: string;
  preset?: string;
  alphas?: string;
  noPlain?: boolean;
  maxTokens?: string;
  limit?: string;
  mode?: string;
  judge?: string;
  resume?: string;
  json?: boolean;
};

/** `--alphas 0.25,0.5,1` → numbers; the contract checks each one's range. */
function alphaList(text: string): number[] {
  return text.split(',').map((part) => {
    const value = Number(part.trim());
    if (part.trim() === '' || !Number.isFinite(value))
      throw new UserError('bad-flag', `--alphas must be numbers separated by commas, got '${text}'.`);
    return value;
  });
}

/**
 * Start (or resume) a run through the contract and follow its `eval.progress` events to the
 * end, writing progress to stderr; Ctrl+C cancels it (stored answers stay, `--resume` goes on).
 */
export async function followEvalRun(cli: CliRose, flags: EvalRunFlags): Promise<EvalRun> {
  const { rose, call } = cli;
  const latest = new Map<number, EvalProgress>();
  let runId: number | null = null;
  let ended: (run: EvalProgress) => void = () => {};
  const end = new Promise<EvalProgress>((resolveEnd) => {
    ended = resolveEnd;
  });
  let shownDone = -1;
  const onEvent = (event: RoseEvent) => {
    if (event.type !== 'eval.progress') return;
    latest.set(event.runId, event);
    if (event.runId === runId) report(event);
  };
  const report = (progress: EvalProgress) => {
    if (progress.done !== shownDone) {
      shownDone = progress.done;
      const eta = progress.etaSeconds === null ? '' : `, about ${formatSeconds(progress.etaSeconds)} left`;
      process.stderr.write(
        `rose eval: run ${progress.runId}: ${progress.done}/${progress.total} answers${eta}\n`,
      );
    }
    if (progress.status !== 'running') ended(progress);
  };
  const unsubscribe = rose.events.subscribe(onEvent);
  const onInterrupt = () => {
    if (runId !== null) void call('app:eval.cancel', { runId });
  };
  process.once('SIGINT', onInterrupt);
  try {
    const modelId = flags.model
      ? (await call('app:models.list', {})).find((m) => resolve(m.path) === resolve(flags.model!))?.id
      : undefined;
    let run: EvalRun;
    if (flags.resume !== undefined) {
      const id = numberFlag('resume', flags.resume, 0, { min: 1, integer: true });
      run = await call('app:eval.resume', { runId: id, modelId });
    } else {
      if (!flags.model) throw new UserError('missing-flag', '--model FILE is required (or --resume RUN).');
      if (!flags.suite)
        throw new UserError('missing-flag', '--suite ID[,ID] is required (see rose eval suites).');
      const mode = flags.mode ?? 'quick';
      if (mode !== 'quick' && mode !== 'full')
        throw new UserError('bad-flag', "--mode must be 'quick' or 'full'.");
      const judge = flags.judge ?? 'rules';
      if (judge !== 'rules')
        throw new UserError(
          'bad-flag',
          `--judge ${judge}: this version judges by rules only (--judge rules).`,
        );
      run = await call('app:eval.start', {
        modelId,
        preset: flags.preset,
        alphas: flags.alphas === undefined ? undefined : alphaList(flags.alphas),
        plain: flags.noPlain ? false : undefined,
        suites: flags.suite.split(',').map((ref) => ref.trim()),
        mode,
        limit:
          flags.limit === undefined
            ? undefined
            : numberFlag('limit', flags.limit, 0, { min: 1, integer: true }),
        maxTokens:
          flags.maxTokens === undefined
            ? undefined
            : numberFlag('max-tokens', flags.maxTokens, 0, { min: 1, integer: true }),
        judge,
      });
    }
    runId = run.id;
    process.stderr.write(`rose eval: run ${run.id}: ${run.settings.map((s) => s.name).join(', ')}\n`);
    for (const note of run.notes) process.stderr.write(`rose eval: ${note}\n`);
    const seen = latest.get(run.id);
    if (seen) report(seen);
    await end;
    return await call('app:eval.runs', {}).then((runs) => runs.find((r) => r.id === run.id)!);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    unsubscribe();
  }
}

export function formatSeconds(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
