import type { PresetDetails, RoseApi } from '../../../shared/contract/index.js';
import type { Preset, PresetId, PresetVersion, PresetVersionId } from '../../../shared/domain.js';
import { messageOf, unwrap } from '../api/call.js';
import { createStore } from './createStore.js';

export type PresetsState = {
  items: Preset[];
  /** Every version of every preset, loaded with the list (presets are few and small). */
  details: Readonly<Record<number, PresetDetails>>;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
};

/** Where a preset version belongs: which preset, which number. */
export type VersionInfo = { preset: Preset; version: PresetVersion };

export function versionInfo(state: PresetsState, id: PresetVersionId | null | undefined): VersionInfo | null {
  if (id === null || id === undefined) return null;
  for (const { preset, versions } of Object.values(state.details)) {
    const version = versions.find((v) => v.id === id);
    if (version) return { preset, version };
  }
  const preset = state.items.find((p) => p.latest.id === id);
  return preset ? { preset, version: preset.latest } : null;
}

export function createPresetsModel(api: RoseApi) {
  const store = createStore<PresetsState>({ items: [], details: {}, status: 'loading', error: null });

  async function load() {
    try {
      const items = await unwrap(api.presets.list({ includeDeleted: true }));
      const details: Record<number, PresetDetails> = {};
      for (const preset of items) details[preset.id] = await unwrap(api.presets.get({ presetId: preset.id }));
      store.set({ items, details, status: 'ready', error: null });
    } catch (error) {
      store.set((s) => ({ ...s, status: 'error', error: messageOf(error) }));
    }
  }

  /** Refresh one preset after a change, keeping the list in order. */
  async function reloadOne(presetId: PresetId): Promise<Preset> {
    const detail = await unwrap(api.presets.get({ presetId }));
    store.set((s) => {
      const known = s.items.some((p) => p.id === presetId);
      const items = known
        ? s.items.map((p) => (p.id === presetId ? detail.preset : p))
        : [...s.items, detail.preset];
      return { ...s, items, details: { ...s.details, [presetId]: detail } };
    });
    return detail.preset;
  }

  type CreateInput = Parameters<RoseApi['presets']['create']>[0];
  type UpdateInput = Parameters<RoseApi['presets']['update']>[0];

  return {
    store,
    load,
    create: async (input: CreateInput) => reloadOne((await unwrap(api.presets.create(input))).id),
    update: async (input: UpdateInput) => reloadOne((await unwrap(api.presets.update(input))).id),
    duplicate: async (presetId: PresetId) =>
      reloadOne((await unwrap(api.presets.duplicate({ presetId }))).id),
    remove: async (presetId: PresetId) => {
      await unwrap(api.presets.delete({ presetId }));
      await reloadOne(presetId);
    },
    importText: async (text: string) => reloadOne((await unwrap(api.presets.import({ text }))).id),
    exportFile: (presetId: PresetId) => unwrap(api.presets.export({ presetId })),
    deriveReverse: (safePrompt: string, method: 'opposite' | 'random') =>
      unwrap(api.presets.deriveReverse({ safePrompt, method })),
  };
}

export type PresetsModel = ReturnType<typeof createPresetsModel>;
