import type { presetChannels } from '../../../shared/contract/index.js';
import { deriveUsableReverse } from '../../../shared/deriveReverse.js';
import { type Db, inTransaction } from '../../db/database.js';
import { exportPreset, importPresetText } from '../../services/presetTransfer.js';
import * as presets from '../../services/presetsService.js';
import type { ChannelImpls } from '../handlerTypes.js';
import { fileStem } from './chatHandlers.js';

export function presetHandlers(db: Db): ChannelImpls<keyof typeof presetChannels> {
  return {
    'app:presets.list': (input) => presets.listPresets(db, input),
    'app:presets.get': ({ presetId }) => ({
      preset: presets.getPreset(db, presetId),
      versions: presets.listVersions(db, presetId),
    }),
    'app:presets.create': (input) => presets.createPreset(db, input),
    'app:presets.update': ({ presetId, name, description, ...settings }) =>
      // Rename and new version together or not at all.
      inTransaction(db, () => {
        let preset = presets.getPreset(db, presetId);
        if (name !== undefined || description !== undefined)
          preset = presets.renamePreset(db, presetId, { name: name ?? preset.name, description });
        const latest = preset.latest;
        const changed = Object.values(settings).some((value) => value !== undefined);
        if (!changed) return preset;
        return presets.editPreset(db, presetId, {
          safePrompt: settings.safePrompt ?? latest.safePrompt,
          reversePrompt: settings.reversePrompt ?? latest.reversePrompt,
          alpha: settings.alpha ?? latest.alpha,
          beta: settings.beta ?? latest.beta,
          method: settings.method ?? latest.method,
        });
      }),
    'app:presets.duplicate': ({ presetId, name }) => presets.duplicatePreset(db, presetId, name),
    'app:presets.delete': ({ presetId }) => {
      presets.deletePreset(db, presetId);
      return { presetId };
    },
    'app:presets.import': ({ text }) => importPresetText(db, text),
    'app:presets.export': ({ presetId }) => ({
      fileName: `${fileStem(presets.getPreset(db, presetId).name)}.rose-preset.json`,
      text: exportPreset(db, presetId),
    }),
    'app:presets.deriveReverse': ({ safePrompt, method, seed }) => ({
      reversePrompt: deriveUsableReverse(safePrompt, { method, seed }),
      method,
    }),
  };
}
