import type { PolicyKey } from './declaration.js';
import type { PolicySourceKind } from './merge.js';

/**
 * Why a rule refused a request, in parts. Every transport sends the refusal's English message;
 * a window in another language says the same from these parts (texts `policy.refusal.*`), so a
 * child or an employee reads who set the rule in their own language.
 */
export const REFUSAL_REASONS = [
  'notAllowed',
  'roseRequired',
  'alphaBelow',
  'alphaAbove',
  'presetNotAllowed',
  'promptsNotPreset',
  'maxTokensAbove',
  'temperatureAbove',
  'modelNotAllowed',
  'answersPaused',
  'managedPresetBroken',
  'managedPromptsReplaced',
  'quietTime',
  'dailyLimit',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type Refusal = {
  rule: PolicyKey;
  reason: RefusalReason;
  /** The figures the reason names: a value and its limit, a file name, a preset. */
  params: Record<string, string | number>;
  /** Where the rule's value came from, and the organisation's name for managed rules. */
  source: PolicySourceKind | 'default';
  org: string | null;
  /** Whom to ask, when the policy names someone. */
  contact: string | null;
};
