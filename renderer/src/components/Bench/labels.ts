import type { TFunction } from '../../i18n/index.js';

const JUDGES = ['rules', 'guard'] as const;

/** A judge's name in the interface's language; one this version does not know keeps its own name. */
export function judgeName(judge: string, t: TFunction): string {
  return (JUDGES as readonly string[]).includes(judge)
    ? t(`bench.judge.${judge as (typeof JUDGES)[number]}`)
    : judge;
}

const BUILTIN_SUITES = ['refuse', 'help', 'general'] as const;

/** A built-in suite's name in the interface's language; an imported suite keeps the name it was given. */
export function suiteName(suite: { builtinKey: string | null; name: string }, t: TFunction): string {
  const key = suite.builtinKey;
  return key !== null && (BUILTIN_SUITES as readonly string[]).includes(key)
    ? t(`bench.suites.${key as (typeof BUILTIN_SUITES)[number]}`)
    : suite.name;
}
