import type { FamilyStatus, RoseApi } from '../../../shared/contract/index.js';
import { CallError, messageOf, unwrap } from '../api/call.js';
import { createStore } from './createStore.js';

export type FamilyState = {
  status: FamilyStatus | null;
  /** The last refusal (wrong PIN, lockout, weak PIN), in the app's words. */
  error: string | null;
  /** Its code: `pin-locked-out` shows the lockout, `pin-wrong` the tries left. */
  errorCode: string | null;
  busy: boolean;
  /** The recovery code from the last PIN set: shown once, then forgotten by `dismissRecoveryCode`. */
  recoveryCode: string | null;
};

/** How often an open parent session is checked for its idle end (the app decides; this only looks). */
const SESSION_CHECK_MS = 30_000;

/**
 * The family lock from the window. Every decision (PIN, lockout, parent session) is the main
 * process's; this store only asks and shows. After each change the policy is read again, since
 * child mode changes what is locked.
 */
export function createFamilyModel(api: RoseApi, onPolicyChange: () => void) {
  const store = createStore<FamilyState>({
    status: null,
    error: null,
    errorCode: null,
    busy: false,
    recoveryCode: null,
  });

  async function run(pending: () => Promise<FamilyStatus>, changesPolicy = true): Promise<boolean> {
    store.set((s) => ({ ...s, busy: true }));
    try {
      const status = await pending();
      store.set((s) => ({ ...s, status, busy: false, error: null, errorCode: null }));
      return true;
    } catch (error) {
      store.set((s) => ({
        ...s,
        busy: false,
        error: messageOf(error),
        errorCode: error instanceof CallError ? error.code : null,
      }));
      // A wrong PIN changes the tries left and maybe the lockout: show the new status.
      void refresh();
      return false;
    } finally {
      if (changesPolicy) onPolicyChange();
    }
  }

  async function refresh() {
    try {
      const status = await unwrap(api.family.status());
      const wasParent = store.get().status?.parentSession ?? false;
      store.set((s) => ({ ...s, status }));
      // The session ends by itself after idle minutes: child mode is back, so the locks change.
      if (wasParent && !status.parentSession) onPolicyChange();
    } catch {
      // The status stays as it was; the next action shows its own error.
    }
  }

  // While a parent is unlocked, look now and then whether the session has ended.
  let watching: ReturnType<typeof setInterval> | null = null;
  store.subscribe(() => {
    const open = store.get().status?.parentSession ?? false;
    if (open && watching === null) watching = setInterval(() => void refresh(), SESSION_CHECK_MS);
    else if (!open && watching !== null) {
      clearInterval(watching);
      watching = null;
    }
  });

  return {
    store,
    load: () => run(() => unwrap(api.family.status()), false),
    /** Read the status again, keeping the last error on screen (after a change elsewhere). */
    refresh,
    unlock: (pin: string) => run(() => unwrap(api.family.unlock({ pin }))),
    lock: () => run(() => unwrap(api.family.lock())),
    setChildMode: (on: boolean) => run(() => unwrap(api.family.setChildMode({ on }))),
    recover: (code: string) => run(() => unwrap(api.family.recover({ code }))),
    async setPin(pin: string) {
      return run(async () => {
        const { recoveryCode } = await unwrap(api.family.setPin({ pin }));
        store.set((s) => ({ ...s, recoveryCode }));
        return unwrap(api.family.status());
      });
    },
    dismissRecoveryCode() {
      store.set((s) => ({ ...s, recoveryCode: null }));
    },
  };
}

export type FamilyModel = ReturnType<typeof createFamilyModel>;
