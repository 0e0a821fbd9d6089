import type { PolicyView } from '../../../shared/contract/policy.js';
import { policyKeys, settingOf } from '../../../shared/policy/declaration.js';
import type { PolicySnapshot } from './policyService.js';

/** The snapshot as the contract shows it: every declared setting, in declaration order. */
export function policyView(snapshot: PolicySnapshot): PolicyView {
  return {
    settings: policyKeys.map((key) => ({ key, title: settingOf(key).title, ...snapshot.settings[key] })),
    sources: snapshot.sources,
    problems: snapshot.problems,
    childMode: snapshot.childMode,
    loadedAt: snapshot.loadedAt,
  };
}
