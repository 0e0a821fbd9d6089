import { UserError } from '../../shared/errors.js';
import { judgeByRules } from '../../shared/eval/judge/judgeByRules.js';
import type { OutcomeLabel } from '../../shared/eval/types.js';

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
