import type { AppInfo, RoseApi, Settings, SettingsView } from '../../../shared/contract/index.js';
import { errorMessage, messageOf, unwrap } from '../api/call.js';
import { applyLanguage } from '../i18n/index.js';
import { createStore } from './createStore.js';

export type SettingsState = {
  settings: SettingsView | null;
  info: AppInfo | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
};

/** Theme, font size and language act on the whole page through the root element. */
export function applyAppearance(
  settings: Pick<Settings, 'theme' | 'fontSize' | 'language'>,
  root = document.documentElement,
) {
  root.dataset.theme = settings.theme;
  applyLanguage(settings.language, root);
  root.style.setProperty('--font-size', `${settings.fontSize}px`);
}

export function createSettingsModel(api: RoseApi) {
  const store = createStore<SettingsState>({ settings: null, info: null, status: 'loading', error: null });

  // Bumped by every change, so a load that started before a change cannot undo it on arrival.
  let changes = 0;

  async function load() {
    const changesBefore = changes;
    try {
      const [settings, info] = await Promise.all([unwrap(api.settings.get()), unwrap(api.app.info())]);
      if (changes !== changesBefore) {
        store.set((s) => ({ ...s, info }));
        return;
      }
      applyAppearance(settings);
      store.set({ settings, info, status: 'ready', error: null });
    } catch (error) {
      store.set((s) => ({ ...s, status: 'error', error: messageOf(error) }));
    }
  }

  /** Change settings; the page follows at once and rolls back if the app refuses. */
  async function change(patch: Partial<Settings>) {
    changes += 1;
    const before = store.get().settings;
    // Optimistic: the control shows the new value at once (a controlled radio that waited for the
    // round trip would snap back on click), and rolls back below if the app refuses.
    if (before) {
      applyAppearance({ ...before, ...patch });
      store.set((s) => ({ ...s, settings: { ...before, ...patch } }));
    }
    try {
      const settings = await unwrap(api.settings.set(patch));
      applyAppearance(settings);
      store.set((s) => ({ ...s, settings, error: null }));
      const info = await api.app.info();
      if (info.ok) store.set((s) => ({ ...s, info: info.value }));
    } catch (error) {
      if (before) applyAppearance(before);
      store.set((s) => ({ ...s, settings: before ?? s.settings, error: messageOf(error) }));
    }
  }

  /** Desktop app only: show the log folder in the system's file manager. */
  async function openLogFolder() {
    const result = await api.logs.openFolder();
    store.set((s) => ({ ...s, error: result.ok ? null : errorMessage(result.error) }));
  }

  return { store, load, change, openLogFolder };
}

export type SettingsModel = ReturnType<typeof createSettingsModel>;
