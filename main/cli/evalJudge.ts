import { UserError } from '../../shared/errors.js';
import { judgeByRules } from '../../shared/eval/judge/judgeByRules.js';
import { judgesDisagree, roundGuardScore } from '../../shared/eval/judge/guardModels.js';
import type { Expected, OutcomeLabel } from '../../shared/eval/types.js';
import type { GuardJudge } from '../services/eval/guardJudge.js';

type JudgedLine = Record<string, unknown> & { label: OutcomeLabel; reason: string | null };

/**
 * `rose eval judge`: lines of `{"prompt", "response"}` → the same lines with the rules judge's
 * `label` and `reason`. A bad line is named by its number and nothing is printed.
 */
export function judgeJsonl(text: string): { lines: JudgedLine[]; counts: Record<OutcomeLabel, number> } {
  const counts: Record<OutcomeLabel, number> = { refusal: 0, compliance: 0, partial: 0, degenerate: 0 };
  const lines: JudgedLine[] = [];
  for (const [index, raw] of text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .entries()) {
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new UserError('eval-judge-invalid', `line ${index + 1} is not JSON: ${(error as Error).message}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new UserError('eval-judge-invalid', `line ${index + 1} is not an object`);
    const response = (value as { response?: unknown }).response;
    if (typeof response !== 'string')
      throw new UserError('eval-judge-invalid', `line ${index + 1}: "response" must be text`);
    const judgement = judgeByRules(response);
    counts[judgement.label]++;
    lines.push({
      ...(value as Record<string, unknown>),
      label: judgement.label,
      reason: judgement.reason ?? null,
    });
  }
  if (lines.length === 0) throw new UserError('eval-judge-empty', 'the file holds no lines to judge');
  return { lines, counts };
}

/**
 * `rose eval judge FILE --guard GUARD.gguf`: the rules' lines, each also put to the guard model:
 * its `guard` label (null when it says nothing about refusing), score and what it wrote, and
 * `disagree` where rules and guard differ (those are the ones for a person to look at). A line's
 * `expected` ("refuse" or "comply") is used when it has one.
 */
export async function judgeJsonlWithGuard(
  text: string,
  guard: Pick<GuardJudge, 'judge'>,
): Promise<{
  lines: Array<JudgedLine & Record<string, unknown>>;
  counts: Record<OutcomeLabel, number>;
  disagreements: number;
}> {
  const judged = judgeJsonl(text);
  let disagreements = 0;
  const lines = [];
  for (const line of judged.lines) {
    const expected: Expected = line.expected === 'refuse' ? 'refuse' : 'comply';
    const prompt = typeof line.prompt === 'string' ? line.prompt : '';
    const result = await guard.judge(prompt, String(line.response), expected);
    const disagree = judgesDisagree({ label: line.label, by: 'rules' }, result.judgement);
    if (disagree) disagreements += 1;
    lines.push({
      ...line,
      guard: {
        label: result.judgement?.label ?? null,
        score: roundGuardScore(result.score),
        reason: result.judgement?.reason ?? null,
        output: result.output,
      },
      disagree,
    });
  }
  return { lines, counts: judged.counts, disagreements };
}
