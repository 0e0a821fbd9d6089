import type { RoseApi } from '../../../shared/contract/index.js';
import type { ConnectionState } from '../api/wsClient.js';
import { createBenchModel } from './benchStore.js';
import { createChatModel } from './chatStore.js';
import { createChatsModel } from './chatsStore.js';
import { createCompareModel } from './compareStore.js';
import { createStore, type Store } from './createStore.js';
import { createModelsModel } from './modelsStore.js';
import { createFamilyModel } from './familyStore.js';
import { createPolicyModel } from './policyStore.js';
import { createPresetsModel } from './presetsStore.js';
import { createSettingsModel } from './settingsStore.js';
import { createStreamsStore } from './streamsStore.js';
import { createToasts } from './toastsStore.js';

export type Page = 'chat' | 'compare' | 'presets' | 'models' | 'bench' | 'settings' | 'policy' | 'family';

/** Which page shows, and a counter that asks the search box to take focus (Ctrl/Cmd+K). */
export type UiState = { page: Page; focusSearch: number; focusComposer: number };

/** Every store of the app, wired to one API and its events. Built once at start-up. */
export function createAppModel(api: RoseApi, connection: Store<ConnectionState> | null) {
  const toasts = createToasts();
  const streams = createStreamsStore();
  const ui = createStore<UiState>({ page: 'chat', focusSearch: 0, focusComposer: 0 });
  // The list closes a deleted conversation that is open; `chat` exists by the time that can happen.
  const chats = createChatsModel(api, toasts, (id) => chat.closeIfOpen(id));
  const chat = createChatModel(api, streams, chats.upsert);
  const presets = createPresetsModel(api);
  const models = createModelsModel(api);
  const settings = createSettingsModel(api);
  const compare = createCompareModel(api);
  const policy = createPolicyModel(api);
  const family = createFamilyModel(api, () => void policy.load());
  const bench = createBenchModel(api);

  api.onEvent((event) => {
    chat.onEvent(event);
    models.onEvent(event);
    compare.onEvent(event);
    bench.onEvent(event);
    if (event.type === 'policy.changed') {
      void policy.load();
      void family.refresh();
    }
  });

  function loadAll() {
    void chats.load();
    void presets.load();
    void models.load();
    void settings.load();
    void policy.load();
    void family.load();
    void chat.refresh();
  }

  // After a lost connection comes back, the app may have moved on: reload what is shown.
  let started = false;
  let wasOpen = false;
  connection?.subscribe(() => {
    const open = connection.get() === 'open';
    if (open && !wasOpen && started) loadAll();
    wasOpen = open;
  });

  return {
    api,
    connection,
    toasts,
    streams,
    ui,
    chats,
    chat,
    presets,
    models,
    settings,
    compare,
    policy,
    family,
    bench,
    start() {
      started = true;
      wasOpen = connection?.get() === 'open';
      loadAll();
    },
    goTo(page: Page) {
      ui.set((s) => ({ ...s, page }));
    },
    newChat() {
      chat.newChat();
      ui.set((s) => ({ ...s, page: 'chat', focusComposer: s.focusComposer + 1 }));
    },
    focusSearch() {
      ui.set((s) => ({ ...s, focusSearch: s.focusSearch + 1 }));
    },
  };
}

export type AppModel = ReturnType<typeof createAppModel>;
