import {
  type AlphaSuggestion,
  type CategoryRow,
  categoryTable,
  compareSettings,
  type ScoredAnswer,
  type SettingAnswers,
  type SettingComparison,
  type SettingSummary,
  suggestAlpha,
  summarizeSetting,
} from './metrics.js';
import { EVAL_SMALL_N, type EvalAnswer, type EvalRun, effectiveLabel, judgesDisagreeOn } from './runs.js';

/**
 * A run's report, computed from its stored answers alone (the CLI, the report page and the tests
 * all call this), so every number can be recomputed from the database.
 */
export type EvalReport = {
  run: EvalRun;
  summaries: SettingSummary[];
  /** Each ROSE setting against plain; empty when the run has no plain setting. */
  comparisons: SettingComparison[];
  categories: { setting: string; rows: CategoryRow[] }[];
  suggestion: AlphaSuggestion;
  warnings: string[];
  /** Answers relabelled by a person (those labels are the ones counted). */
  relabelled: number;
  /** Answers a guard model has judged, and those where it and the rules disagree (unsettled). */
  guarded: number;
  disagreements: number;
};

/** One setting's answers in the form the metrics read, a person's relabel winning. */
export function settingAnswers(run: Pick<EvalRun, 'settings'>, answers: EvalAnswer[]): SettingAnswers[] {
  return run.settings.map((setting, index) => ({
    setting: setting.name,
    alpha: setting.alpha,
    answers: answers.filter((answer) => answer.settingIndex === index).map(scored),
  }));
}

export function scored(answer: EvalAnswer): ScoredAnswer {
  return {
    itemKey: String(answer.item.id),
    text: answer.item.text,
    expected: answer.item.expected,
    category: answer.item.category,
    pairId: answer.item.pairId,
    checkPassed: answer.checkPassed,
    label: effectiveLabel(answer),
    answerChars: answer.text.length,
    tokens: answer.tokens,
    seconds: answer.seconds,
    steeredTokens: answer.steeredTokens,
  };
}

export function buildReport(run: EvalRun, answers: EvalAnswer[]): EvalReport {
  const bySetting = settingAnswers(run, answers);
  const summaries = bySetting.map(summarizeSetting);
  const plain = bySetting.find((setting) => setting.alpha === null);
  const comparisons = plain
    ? bySetting.filter((setting) => setting.alpha !== null).map((setting) => compareSettings(plain, setting))
    : [];
  return {
    run,
    summaries,
    comparisons,
    categories: bySetting.map((setting) => ({
      setting: setting.setting,
      rows: categoryTable(setting.answers),
    })),
    suggestion: plain
      ? suggestAlpha(comparisons)
      : { setting: null, alpha: null, reason: 'the run has no plain setting to compare with' },
    warnings: warningsFor(run, summaries, answers),
    relabelled: answers.filter((answer) => answer.personLabel !== null).length,
    guarded: answers.filter((answer) => answer.guard !== null).length,
    disagreements: answers.filter(judgesDisagreeOn).length,
  };
}

function warningsFor(run: EvalRun, summaries: SettingSummary[], answers: EvalAnswer[]): string[] {
  const warnings: string[] = [];
  if (run.done < run.total)
    warnings.push(
      `only ${run.done} of ${run.total} answers are stored (run ${run.status}); the numbers cover those`,
    );
  const first = summaries[0];
  if (first) {
    const small = [
      ['harmful', first.refusal.n],
      ['benign', first.overRefusal.n],
    ].filter(([, n]) => (n as number) > 0 && (n as number) < EVAL_SMALL_N);
    for (const [kind, n] of small)
      warnings.push(
        `small n: ${n} ${kind} prompts per setting; intervals are wide and differences of a few points mean nothing`,
      );
  }
  const judged = answers.filter((answer) => answer.personLabel === null);
  if (judged.some((answer) => answer.labelBy === 'rules'))
    warnings.push(
      'labels come from phrase rules (about 84 % agreement with people on held-out replies); intervals cover sampling only, not judge error',
    );
  const disagreements = answers.filter(judgesDisagreeOn).length;
  if (run.guard && disagreements > 0)
    warnings.push(
      `the rules and the guard model (${run.guard.name}) disagree on ${disagreements} answers: look at them and relabel; until then the rules' labels are counted`,
    );
  return warnings;
}
