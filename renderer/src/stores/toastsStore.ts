import { createStore } from './createStore.js';

/** A short notice at the bottom of the window, optionally with one action (e.g. Undo). */
export type Toast = { id: number; text: string; action?: { label: string; run: () => void } };

const SHOW_MS = 8000;

export function createToasts() {
  const store = createStore<Toast[]>([]);
  let nextId = 1;
  const dismiss = (id: number) => store.set((list) => list.filter((t) => t.id !== id));
  return {
    store,
    dismiss,
    show(text: string, action?: Toast['action']): number {
      const id = nextId++;
      store.set((list) => [...list.slice(-3), action ? { id, text, action } : { id, text }]);
      setTimeout(() => dismiss(id), SHOW_MS);
      return id;
    },
  };
}

export type Toasts = ReturnType<typeof createToasts>;
