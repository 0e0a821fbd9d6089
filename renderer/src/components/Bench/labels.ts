import type { TFunction } from '../../i18n/index.js';

const JUDGES = ['rules', 'guard'] as const;

/** A judge's name in the interface's language; one this version does not know keeps its own name. */
export function judgeName(judge: string, t: TFunction): string {
  return (JUDGES as readonly string[]).includes(judge)
    ? t(`bench.judge.${judge as (typeof JUDGES)[number]}`)
    : judge;
}
