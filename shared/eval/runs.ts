import { judgesDisagree } from './judge/guardModels.js';
import type { AnswerCheck, Expected, OutcomeLabel } from './types.js';

/**
 * The safety bench's runs as every side sees them: the contract, the CLI, the report page. A run
 * is one model (by sha256) × one preset version × a list of decoding settings × a fixed list of
 * items, answered greedily.
 */

/** One way of decoding: plain (ROSE off, the paper's baseline) or ROSE at one α. */
export type EvalSetting = {
  /** `plain`, `rose α=0.5`, … (stable: reports and exports key on it). */
  name: string;
  /** null for plain decoding. */
  alpha: number | null;
};

/** The α values a run compares with plain when the request names none. */
export const EVAL_DEFAULT_ALPHAS: readonly number[] = [0.25, 0.5, 0.75, 1];
/** Answer length per item: long enough to see a refusal or an answer, short enough to run on a CPU. */
export const EVAL_DEFAULT_MAX_TOKENS = 128;
/** The most tokens an item may get in a bench run. */
export const EVAL_MAX_TOKENS_MAX = 1024;
/** Items of a quick run over suites that flag none themselves (the built-ins flag 34). */
export const EVAL_QUICK_ITEMS = 30;
/** Rates over fewer items than this get a small-n warning in the report. */
export const EVAL_SMALL_N = 30;
/** The judge that labels every answer; a guard model can be added as a second judge (app:eval.guard). */
export const EVAL_JUDGES = ['rules'] as const;
export type EvalJudge = (typeof EVAL_JUDGES)[number];

export type EvalMode = 'quick' | 'full';

/** `interrupted`: stored as running, but the process that ran it is gone (resume it). */
export type EvalRunStatus = 'running' | 'cancelled' | 'finished' | 'failed' | 'interrupted';

export function settingName(alpha: number | null): string {
  return alpha === null ? 'plain' : `rose α=${alpha}`;
}

/** Plain first, then each α in the order given, without repeats. */
export function settingsFor(alphas: readonly number[], plain = true): EvalSetting[] {
  const unique = [...new Set(alphas)];
  return [
    ...(plain ? [{ name: settingName(null), alpha: null }] : []),
    ...unique.map((alpha) => ({ name: settingName(alpha), alpha })),
  ];
}

export type EvalSuiteInfo = {
  id: number;
  /** `refuse`, `help`, `general` for the built-ins; null for imported suites. */
  builtinKey: string | null;
  name: string;
  format: string;
  createdAt: number;
  items: number;
  quickItems: number;
  /** Items by kind: should refuse, should help (no check), quality (with a check). */
  counts: { refuse: number; help: number; quality: number };
};

/** The guard model that judged a run's answers as a second judge (by its file's sha256). */
export type EvalGuardModel = { name: string; sha256: string; kind: string };

/** What the guard made of one answer. */
export type EvalGuardLabel = {
  /** Its bench label; null when it says nothing about refusing (a safe reply to a benign prompt). */
  label: OutcomeLabel | null;
  /** P(positive label) read from the label token's scores. */
  score: number;
  reason: string | null;
  /** What the guard wrote, greedily. */
  output: string;
};

/** Progress of a guard judging a run's answers; `finished` and `failed` end it. */
export type EvalGuardProgress = {
  runId: number;
  status: 'running' | 'finished' | 'failed';
  done: number;
  total: number;
  error: string | null;
};

export type EvalRun = {
  id: number;
  modelSha256: string;
  modelName: string;
  modelPath: string;
  presetVersionId: number;
  presetId: number;
  presetVersion: number;
  settings: EvalSetting[];
  suiteIds: number[];
  mode: EvalMode;
  maxTokens: number;
  judge: string;
  /** The second judge, once a guard model has judged the answers; null before. */
  guard: EvalGuardModel | null;
  roseVersion: string;
  status: EvalRunStatus;
  /** Settings skipped by policy and other things a reader of the report must know. */
  notes: string[];
  error: string | null;
  createdAt: number;
  finishedAt: number | null;
  /** Answers stored, and answers the run needs (items × settings). */
  done: number;
  total: number;
};

export type EvalAnswerItem = {
  id: number;
  suiteId: number;
  text: string;
  expected: Expected;
  category: string;
  pairId: string | null;
  check: AnswerCheck | null;
  sourceRef: string | null;
};

export type EvalAnswer = {
  id: number;
  runId: number;
  settingIndex: number;
  text: string;
  tokens: number;
  seconds: number;
  steeredTokens: number;
  stopReason: string;
  /** The judge's label, and which judge gave it. */
  label: OutcomeLabel;
  labelBy: 'rules' | 'guard';
  score: number | null;
  reason: string | null;
  /** Quality items: whether the answer check passed; null for others. */
  checkPassed: boolean | null;
  /** A person's relabel; when set, it is the label the report counts. */
  personLabel: OutcomeLabel | null;
  /** The guard model's label, once one has judged this answer (it is not counted; see below). */
  guard: EvalGuardLabel | null;
  createdAt: number;
  item: EvalAnswerItem;
};

/**
 * The rules and the guard give this answer different labels and no person has settled it: one
 * for a person to look at. The rules' label stays the one counted until a person relabels.
 */
export function judgesDisagreeOn(answer: Pick<EvalAnswer, 'label' | 'personLabel' | 'guard'>): boolean {
  const guard = answer.guard?.label;
  return (
    answer.personLabel === null &&
    judgesDisagree({ label: answer.label, by: 'rules' }, guard ? { label: guard, by: 'guard' } : null)
  );
}

/** The label the numbers count: a person's relabel wins over the judge's. */
export function effectiveLabel(answer: Pick<EvalAnswer, 'label' | 'personLabel'>): OutcomeLabel {
  return answer.personLabel ?? answer.label;
}

export type EvalProgress = {
  runId: number;
  status: EvalRunStatus;
  done: number;
  total: number;
  /** Seconds left at the speed measured so far in this run; null before the first answer. */
  etaSeconds: number | null;
};

export type EvalEstimate = {
  items: number;
  settings: number;
  generations: number;
  /** Generated tokens per second on this model; null when it could not be measured. */
  tokensPerSecond: number | null;
  /** Where the speed came from: earlier answers of this model, or a short probe just now. */
  speedFrom: 'earlier-runs' | 'probe' | null;
  /** Tokens expected per answer (earlier answers' mean, else max tokens: an upper bound). */
  tokensPerAnswer: number;
  seconds: number | null;
  /** Settings the policy does not allow, left out of the count (as a run would skip them). */
  notes: string[];
};
