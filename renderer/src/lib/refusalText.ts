import { isPolicyKey } from '../../../shared/policy/declaration.js';
import type { PolicySourceKind } from '../../../shared/policy/merge.js';
import type { Refusal } from '../../../shared/policy/refusal.js';
import type { TFunction } from '../i18n/index.js';

/**
 * Who set a rule, from where its value came, in the window's language; null for a source this
 * window does not know (a newer main process), whose own words the caller then shows.
 */
export function setByWords(t: TFunction, source: string, org: string | null): string | null {
  switch (source as PolicySourceKind | 'default') {
    case 'managed':
    case 'recommended':
      return org
        ? t(`policy.setBy.${source as 'managed' | 'recommended'}`, { org })
        : t(`policy.setBy.${source as 'managed' | 'recommended'}Unnamed`);
    case 'family':
    case 'user':
    case 'default':
      return t(`policy.setBy.${source as 'family' | 'user' | 'default'}`);
    default:
      return null;
  }
}

/**
 * A refusal by policy in the window's language, from its parts: what was refused, the rule, who
 * set it and whom to ask. `english` is the app's own message, for parts this window cannot say.
 */
export function refusalText(t: TFunction, refusal: Refusal, english: string): string {
  const setBy = setByWords(t, refusal.source, refusal.org);
  const rule = t(`policy.rules.${refusal.rule}`);
  const what = t(`policy.refusal.reasons.${refusal.reason}`, {
    ...refusal.params,
    rule,
    count: typeof refusal.params.limit === 'number' ? refusal.params.limit : 0,
    defaultValue: '',
  });
  if (setBy === null || what === '' || !isPolicyKey(refusal.rule)) return english;
  if (refusal.reason === 'quietTime' || refusal.reason === 'dailyLimit')
    return t('policy.refusal.askParent', { what, setBy });
  const refused = t('policy.refusal.refused', { what, rule, setBy });
  return refusal.contact ? `${refused} ${t('policy.refusal.ask', { contact: refusal.contact })}` : refused;
}
