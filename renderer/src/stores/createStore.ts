import { useSyncExternalStore } from 'react';

/** A small observable value: one per domain (chats, chat, presets, settings, toasts). */
export type Store<S> = {
  get(): S;
  set(next: S | ((current: S) => S)): void;
  subscribe(listener: () => void): () => void;
};

export function createStore<S>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      const value = typeof next === 'function' ? (next as (current: S) => S)(state) : next;
      if (Object.is(value, state)) return;
      state = value;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Read a store (or a slice of it) in a component; re-renders only when the slice changes. */
export function useStore<S, T = S>(store: Store<S>, select: (state: S) => T = (s) => s as unknown as T): T {
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.get()),
    () => select(store.get()),
  );
}
