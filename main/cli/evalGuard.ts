import type { RoseEvent } from '../../shared/contract/index.js';
import { UserError } from '../../shared/errors.js';
import type { EvalGuardProgress } from '../../shared/eval/runs.js';
import type { CliRose } from './contractClient.js';

/**
 * Put a run's answers to the guard model at `path` through the contract (`app:eval.guard`) and
 * follow its `eval.guard` events to the end, writing progress to stderr. Answers judged before an
 * interruption keep their labels; asking again goes on with the rest.
 */
export async function followEvalGuard(cli: CliRose, runId: number, path: string): Promise<EvalGuardProgress> {
  let ended: (progress: EvalGuardProgress) => void = () => {};
  const end = new Promise<EvalGuardProgress>((resolveEnd) => {
    ended = resolveEnd;
  });
  let shownDone = -1;
  // Subscribed before the call: the first events can come before its answer.
  const unsubscribe = cli.rose.events.subscribe((event: RoseEvent) => {
    if (event.type !== 'eval.guard' || event.runId !== runId) return;
    if (event.done !== shownDone) {
      shownDone = event.done;
      process.stderr.write(`rose eval: guard on run ${runId}: ${event.done}/${event.total} answers\n`);
    }
    if (event.status !== 'running') ended(event);
  });
  try {
    await cli.call('app:eval.guard', { runId, path });
    const last = await end;
    if (last.status === 'failed')
      throw new UserError(
        'eval-guard-failed',
        `the guard stopped on run ${runId} after ${last.done} of ${last.total} answers: ${last.error}. Run it again to judge the rest.`,
      );
    return last;
  } finally {
    unsubscribe();
  }
}
