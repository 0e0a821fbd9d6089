import { basename } from 'node:path';
import { UserError } from '../../shared/errors.js';
import { guardKindOf, roundGuardScore } from '../../shared/eval/judge/guardModels.js';
import type { EvalGuardProgress, EvalRun } from '../../shared/eval/runs.js';
import type { Db } from '../db/database.js';
import * as evalRepo from '../db/evalRepo.js';
import type { GuardJudge } from '../services/eval/guardJudge.js';
import type { EventHub } from './eventHub.js';

/** What the service needs of a guard: open one, judge replies with it, close it. */
export type OpenGuard = (path: string) => Promise<Pick<GuardJudge, 'kind' | 'judge' | 'dispose'>>;

/**
 * A guard model as the bench's second judge: it judges a stopped run's answers in the
 * background, one run at a time, outside the engine worker (the guard is a different, small
 * model in its own context). Each answer's guard label is stored as it is made, so an
 * interrupted judging carries on where it stopped when asked again. The guard's labels are never
 * counted by themselves: where they differ from the rules', a person decides (the report counts
 * the disagreements; the page lists them).
 */
export class EvalGuards {
  private active: { runId: number; controller: AbortController; done: Promise<void> } | null = null;

  constructor(
    private readonly deps: {
      db: Db;
      hub: EventHub;
      openGuard: OpenGuard;
      sha256: (path: string) => Promise<string>;
      /** A run as callers see it (its status read as the bench runner reads it). */
      view: (runId: number) => EvalRun;
      log: (message: string) => void;
    },
  ) {}

  /** Start judging `runId`'s answers that have no guard label yet with the guard at `path`. */
  async start(runId: number, path: string): Promise<EvalRun> {
    const { db } = this.deps;
    const run = this.deps.view(runId);
    if (this.active)
      throw new UserError(
        'eval-guard-busy',
        `a guard model is judging run ${this.active.runId} now; wait until it finishes`,
      );
    if (run.status === 'running')
      throw new UserError(
        'eval-run-busy',
        `run ${runId} is still answering; judge it with a guard once it has finished or been stopped`,
      );
    if (!guardKindOf(basename(path)))
      throw new UserError(
        'guard-unknown',
        `${basename(path)} is not a guard model Rose knows: use Qwen3Guard-Gen or Llama Guard 3 (told by the file name)`,
      );
    const guard = await this.deps.openGuard(path);
    try {
      evalRepo.setRunGuard(db, runId, {
        name: basename(path),
        sha256: await this.deps.sha256(path),
        kind: guard.kind,
      });
    } catch (error) {
      await guard.dispose();
      throw error;
    }
    const pending = evalRepo.runAnswers(db, runId).filter((answer) => answer.guard === null);
    const controller = new AbortController();
    const progress = (status: EvalGuardProgress['status'], done: number, error: string | null = null) =>
      this.deps.hub.emit({ type: 'eval.guard', runId, status, done, total: pending.length, error });
    const work = async () => {
      let done = 0;
      try {
        progress('running', 0);
        for (const answer of pending) {
          if (controller.signal.aborted) break;
          const result = await guard.judge(answer.item.text, answer.text, answer.item.expected);
          evalRepo.setAnswerGuard(db, answer.id, {
            label: result.judgement?.label ?? null,
            score: roundGuardScore(result.score),
            reason: result.judgement?.reason ?? null,
            output: result.output,
          });
          done += 1;
          progress('running', done);
        }
        progress(
          controller.signal.aborted ? 'failed' : 'finished',
          done,
          controller.signal.aborted ? 'stopped' : null,
        );
      } catch (error) {
        this.deps.log(`the guard failed on run ${runId}: ${(error as Error).stack ?? String(error)}`);
        progress('failed', done, (error as Error).message);
      } finally {
        await guard.dispose().catch(() => {});
        this.active = null;
      }
    };
    this.active = { runId, controller, done: work() };
    return this.deps.view(runId);
  }

  /** Wait for the judging under way, if any (tests and the CLI follow it to the end). */
  async settled(): Promise<void> {
    await this.active?.done;
  }

  /** Stop judging (the app is closing); labels stored so far stay. */
  async stopAll(): Promise<void> {
    const active = this.active;
    if (!active) return;
    active.controller.abort();
    await active.done;
  }
}
