import type { PolicySettingView, PolicyView, RoseApi } from '../../../shared/contract/index.js';
import { messageOf, unwrap } from '../api/call.js';
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
