import type { PolicySettingView, PolicyView, RoseApi } from '../../../shared/contract/index.js';
import { isPolicyKey } from '../../../shared/policy/declaration.js';
import { messageOf, unwrap } from '../api/call.js';
import type { TFunction } from '../i18n/index.js';
import { setByWords } from '../lib/refusalText.js';
import { createStore } from './createStore.js';

export type PolicyState = {
  view: PolicyView | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
};

/** The effective policy (what is locked, by whom), as `app:policy.get` reports it. */
export function createPolicyModel(api: RoseApi) {
  const store = createStore<PolicyState>({ view: null, status: 'loading', error: null });

  async function run(pending: Promise<PolicyView>) {
    try {
      store.set({ view: await pending, status: 'ready', error: null });
    } catch (error) {
      store.set((s) => ({ ...s, status: s.view ? 'ready' : 'error', error: messageOf(error) }));
    }
  }

  return {
    store,
    load: () => run(unwrap(api.policy.get())),
    /** Read the policy files again now (the app also watches them). */
    reload: () => run(unwrap(api.policy.reload())),
  };
}

export type PolicyModel = ReturnType<typeof createPolicyModel>;

/** A setting's lock, or null when nobody locked it. */
export function lockOf(view: PolicyView | null, key: string): PolicySettingView | null {
  const setting = view?.settings.find((s) => s.key === key);
  return setting?.locked ? setting : null;
}

/** False when a guardian forbids the feature `key` allows (the app refuses it anyway). */
export function isAllowed(view: PolicyView | null, key: string): boolean {
  return view?.settings.find((s) => s.key === key)?.value !== false;
}

/** A setting's name in the window's language (every declared setting has one; see policy.rules). */
export function ruleTitle(t: TFunction, setting: Pick<PolicySettingView, 'key' | 'title'>): string {
  // A key the declaration does not know can only come from a newer main process: its own words.
  return isPolicyKey(setting.key) ? t(`policy.rules.${setting.key}`) : setting.title;
}

/** Who set a value ("Managed by Example School", "Set by a parent"), in the window's language. */
export function setByText(
  t: TFunction,
  setting: Pick<PolicySettingView, 'source' | 'setBy'>,
  view: PolicyView | null,
): string {
  const managed = setting.source === 'managed' || setting.source === 'recommended';
  const org = view?.settings.find((s) => s.key === 'orgName');
  // Without the organisation's row the name is only in the app's own label.
  if (managed && !org) return setting.setBy;
  const name = typeof org?.value === 'string' && org.value ? org.value : null;
  return setByWords(t, setting.source, name) ?? setting.setBy;
}
