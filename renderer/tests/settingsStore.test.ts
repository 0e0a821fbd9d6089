import { describe, expect, test, vi } from 'vitest';
import type { Result, RoseApi, SettingsView } from '../../shared/contract/index.js';
import { createSettingsModel } from '../src/stores/settingsStore.js';

const saved = {
  theme: 'light',
  fontSize: 15,
  threads: null,
  dataDir: '/d',
  threadsInUse: 1,
} as unknown as SettingsView;
const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** A stand-in for the app whose `settings.set` waits until the test answers it. */
function fakeApi() {
  const answers: Array<(r: Result<SettingsView>) => void> = [];
  const api = {
    settings: {
      get: vi.fn(async () => ok(saved)),
      set: vi.fn(() => new Promise<Result<SettingsView>>((resolve) => answers.push(resolve))),
    },
    app: { info: vi.fn(async () => ok({} as never)) },
  } as unknown as RoseApi;
  return { api, answers };
}

describe('settings changes', () => {
  test('show at once, before the app answers (a controlled radio must not snap back)', async () => {
    const { api, answers } = fakeApi();
    const model = createSettingsModel(api);
    await model.load();
    const pending = model.change({ theme: 'dark' });
    expect(model.store.get().settings?.theme).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    answers[0]!(ok({ ...saved, theme: 'dark' } as SettingsView));
    await pending;
    expect(model.store.get().settings?.theme).toBe('dark');
  });

  test('roll back when the app refuses, with its message', async () => {
    const { api, answers } = fakeApi();
    const model = createSettingsModel(api);
    await model.load();
    const pending = model.change({ theme: 'dark' });
    answers[0]!({ ok: false, error: { code: 'policy-denied', message: 'Settings are locked by a parent.' } });
    await pending;
    expect(model.store.get().settings?.theme).toBe('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(model.store.get().error).toMatch(/locked by a parent/);
  });
});
