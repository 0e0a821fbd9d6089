import type { LoadedModel, RoseApi, RoseEvent } from '../../../shared/contract/index.js';
import type { LocalModel } from '../../../shared/models.js';
import { messageOf, unwrap } from '../api/call.js';
import { createStore } from './createStore.js';

export type ModelsState = {
  items: LocalModel[];
  /** The model the engine holds now. */
  loaded: LoadedModel | null;
  /** Set while a model loads: its path and how far along (0..1). */
  loading: { path: string; fraction: number } | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
};

export function createModelsModel(api: RoseApi) {
  const store = createStore<ModelsState>({
    items: [],
    loaded: null,
    loading: null,
    status: 'loading',
    error: null,
  });

  async function load() {
    try {
      const [items, loaded] = await Promise.all([unwrap(api.models.list()), unwrap(api.models.current())]);
      store.set((s) => ({ ...s, items, loaded, status: 'ready', error: null }));
    } catch (error) {
      store.set((s) => ({ ...s, status: 'error', error: messageOf(error) }));
    }
  }

  /** Register a GGUF file from disk (the empty state's "Import a model"). */
  async function importFile(path: string) {
    const model = await unwrap(api.models.import({ path }));
    store.set((s) => ({ ...s, items: [...s.items.filter((m) => m.id !== model.id), model] }));
    return model;
  }

  function onEvent(event: RoseEvent) {
    if (event.type === 'model.loading') {
      store.set((s) => ({ ...s, loading: { path: event.path, fraction: event.fraction } }));
    } else if (event.type === 'model.loaded') {
      store.set((s) => ({ ...s, loaded: event.model, loading: null }));
    }
  }

  return { store, load, importFile, onEvent };
}

export type ModelsModel = ReturnType<typeof createModelsModel>;
