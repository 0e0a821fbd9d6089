import type { HardwareReportView, LoadedModel, RoseApi, RoseEvent } from '../../../shared/contract/index.js';
import type { CatalogEntry } from '../../../shared/catalog.js';
import type { LocalModel } from '../../../shared/models.js';
import { messageOf, unwrap } from '../api/call.js';
import { createStore } from './createStore.js';
import { applyDownloadEvent, type DownloadsState, downloadRequested } from './downloadsReducer.js';

export type ModelsState = {
  items: LocalModel[];
  /** The model the engine holds now. */
  loaded: LoadedModel | null;
  /** Set while a model loads: its path and how far along (0..1). */
  loading: { path: string; fraction: number } | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  catalog: CatalogEntry[];
  /** This machine and the fit of every model at `contextSize`; null until detected. */
  hardware: HardwareReportView | null;
  hardwareError: string | null;
  /** The context size the fit verdicts are shown for. */
  contextSize: number;
  downloads: DownloadsState;
  /** Rose started with no model at all: the chat shows the first-run panel until the first message. */
  firstRun: boolean;
};

export function createModelsModel(api: RoseApi) {
  const store = createStore<ModelsState>({
    items: [],
    loaded: null,
    loading: null,
    status: 'loading',
    error: null,
    catalog: [],
    hardware: null,
    hardwareError: null,
    contextSize: 4096,
    downloads: {},
    firstRun: false,
  });

  async function load() {
    try {
      const [items, loaded] = await Promise.all([unwrap(api.models.list()), unwrap(api.models.current())]);
      const none = items.length === 0 && !loaded;
      store.set((s) => ({ ...s, items, loaded, status: 'ready', error: null, firstRun: s.firstRun || none }));
    } catch (error) {
      store.set((s) => ({ ...s, status: 'error', error: messageOf(error) }));
    }
  }

  /** The catalog and hardware report (detection takes a moment the first time). */
  async function loadHardware(contextSize = store.get().contextSize) {
    store.set((s) => ({ ...s, contextSize, hardwareError: null }));
    try {
      const [catalog, hardware] = await Promise.all([
        store.get().catalog.length ? store.get().catalog : unwrap(api.models.catalog()),
        unwrap(api.hardware.get({ contextSize })),
      ]);
      // A slower answer for an older context size must not replace a newer one.
      if (store.get().contextSize === contextSize) store.set((s) => ({ ...s, catalog, hardware }));
    } catch (error) {
      store.set((s) => ({ ...s, hardwareError: messageOf(error) }));
    }
  }

  /** Register a GGUF file from disk. */
  async function importFile(path: string, copy = false) {
    const model = await unwrap(api.models.import({ path, copy }));
    store.set((s) => ({ ...s, items: [...s.items.filter((m) => m.id !== model.id), model] }));
    return model;
  }

  async function remove(modelId: string) {
    await unwrap(api.models.remove({ modelId }));
    store.set((s) => ({ ...s, items: s.items.filter((m) => m.id !== modelId) }));
  }

  /** Load a model; a context size or GPU layers chosen on the Models page override the automatic fit. */
  async function loadModel(modelId: string, choice: { contextSize?: number; gpuLayers?: number } = {}) {
    const loaded = await unwrap(api.models.load({ modelId, ...choice }));
    store.set((s) => ({ ...s, loaded, loading: null }));
    return loaded;
  }

  /** Start (or resume) a download: a catalog id, `id:QUANT`, an hf: URI or a URL. */
  async function download(uri: string, label?: string) {
    const { downloadId } = await unwrap(api.models.download({ uri }));
    store.set((s) => ({ ...s, downloads: downloadRequested(s.downloads, downloadId, uri, label ?? uri) }));
    return downloadId;
  }

  const pause = (downloadId: string) => unwrap(api.models.pauseDownload({ downloadId }));
  const resume = (downloadId: string) => unwrap(api.models.resumeDownload({ downloadId }));
  const cancel = (downloadId: string) => unwrap(api.models.cancelDownload({ downloadId }));

  /** The first message was sent: the first-run panel has done its job. */
  function endFirstRun() {
    store.set((s) => (s.firstRun ? { ...s, firstRun: false } : s));
  }

  /** Forget finished downloads (the close button on their row). */
  function dismiss(downloadId: string) {
    store.set((s) => {
      const { [downloadId]: _gone, ...rest } = s.downloads;
      return { ...s, downloads: rest };
    });
  }

  function onEvent(event: RoseEvent) {
    if (event.type === 'model.loading') {
      store.set((s) => ({ ...s, loading: { path: event.path, fraction: event.fraction } }));
    } else if (event.type === 'model.loaded') {
      store.set((s) => ({ ...s, loaded: event.model, loading: null }));
    } else if (event.type === 'model.unloaded') {
      store.set((s) => (s.loaded?.path === event.path ? { ...s, loaded: null } : s));
    } else if (event.type === 'download') {
      const completed = event.event.type === 'completed' ? event.event.model : null;
      store.set((s) => ({
        ...s,
        downloads: applyDownloadEvent(s.downloads, event.event),
        items: completed ? [...s.items.filter((m) => m.id !== completed.id), completed] : s.items,
      }));
    }
  }

  return {
    store,
    load,
    loadHardware,
    importFile,
    remove,
    loadModel,
    download,
    pause,
    resume,
    cancel,
    dismiss,
    endFirstRun,
    onEvent,
  };
}

export type ModelsModel = ReturnType<typeof createModelsModel>;
