import type { Prng } from '../../shared/prng.js';
import type { LogitsSource } from './logitsSource.js';
import { type Decision, decideNextToken } from './rose/decide.js';
import { pickToken, type SamplingParams } from './rose/sample.js';
import type { StopReason } from './types.js';

/**
 * Speculative reverse verification, an exact way to run ROSE with fewer two-sequence decodes.
 * The safe run drafts k tokens ahead alone (what it would pick without ROSE, with the same random
 * draws); the reverse run then evaluates those k tokens in one evaluation with scores at every
 * position; ROSE's pick is computed at each position from the two runs' scores, exactly as step
 * by step. The longest prefix where ROSE agrees with the draft is kept; at the first disagreement
 * ROSE's token is taken (that is a steered token) and both sequences drop the rest of the draft.
 * On real models ROSE changes few tokens, so most drafts are kept whole.
 */

/** Draft length bounds: k grows while drafts are kept whole and shrinks after a disagreement. */
export const DRAFT_MIN = 2;
export const DRAFT_START = 4;
export const DRAFT_MAX = 16;

export type SpeculativeRun = {
  source: LogitsSource & Required<Pick<LogitsSource, 'extend'>>;
  safePrompt: readonly number[];
  reversePrompt: readonly number[];
  /** Scores for the next token of each run, after the prompts (and any tokens already accepted). */
  safeScores: Float32Array;
  reverseScores: Float32Array;
  settings: { alpha: number; beta: number; sampling: SamplingParams };
  /** The uniform draw of the reply's `i`-th token (the same one step-by-step decoding takes). */
  drawAt(i: number): number;
  /** Tokens of the reply accepted so far. */
  accepted(): readonly number[];
  /** Takes one decided token: a stop reason ends the reply, null goes on. */
  accept(decision: Decision): StopReason | null;
  /** How many more tokens may be drafted (max tokens and context room). */
  room(): number;
  isAborted(): boolean;
  scratch: Float32Array;
};

export type SpeculativeResult = { stopReason: StopReason | 'aborted'; drafted: number; kept: number };

export async function decodeSpeculatively(run: SpeculativeRun): Promise<SpeculativeResult> {
  const { source, settings } = run;
  let { safeScores, reverseScores } = run;
  let k = DRAFT_START;
  let drafted = 0;
  let kept = 0;
  for (;;) {
    const base = run.accepted().length;
    const limit = Math.max(1, Math.min(k, run.room()));
    // Draft: the safe run alone, one token at a time, with the draws ROSE will use.
    const safeAt: Float32Array[] = [safeScores];
    const draft: number[] = [];
    for (let j = 0; j < limit; j++) {
      if (run.isAborted()) return { stopReason: 'aborted', drafted, kept };
      const token = pickToken(safeAt[j] as Float32Array, settings.sampling, drawFor(run, base + j));
      draft.push(token);
      const [next] = await source.step([{ index: 0, token }]);
      safeAt.push(next as Float32Array);
    }
    drafted += draft.length;
    // Verify: the reverse run reads the whole draft in one evaluation.
    const reverseAt = [reverseScores, ...(await source.extend(1, draft))];
    let disagreed = false;
    for (let j = 0; j < draft.length; j++) {
      const prng: Prng = () => run.drawAt(base + j);
      const decision = decideNextToken(
        safeAt[j] as Float32Array,
        reverseAt[j] as Float32Array,
        settings,
        prng,
        run.scratch,
      );
      const agreed = decision.token === draft[j];
      if (agreed) kept++;
      const stop = run.accept(decision);
      if (stop) return { stopReason: stop, drafted, kept };
      if (agreed) continue;
      // ROSE disagreed: both runs keep the agreed prefix plus ROSE's token, evaluated in one batch.
      const accepted = run.accepted();
      const [safe, reverse] = await source.sync([
        { index: 0, tokens: [...run.safePrompt, ...accepted] },
        { index: 1, tokens: [...run.reversePrompt, ...accepted] },
      ]);
      safeScores = safe as Float32Array;
      reverseScores = reverse as Float32Array;
      k = Math.max(DRAFT_MIN, j + 1);
      disagreed = true;
      break;
    }
    if (!disagreed) {
      safeScores = safeAt[draft.length] as Float32Array;
      reverseScores = reverseAt[draft.length] as Float32Array;
      k = Math.min(DRAFT_MAX, k * 2);
    }
  }
}

function drawFor(run: SpeculativeRun, i: number): number {
  return run.settings.sampling.temperature > 0 ? run.drawAt(i) : 0;
}
