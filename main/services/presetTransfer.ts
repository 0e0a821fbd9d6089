import { readFileSync, statSync } from 'node:fs';
import type { Preset, PresetId } from '../../shared/domain.js';
import { UserError } from '../../shared/errors.js';
import {
  PRESET_FILE_FORMAT,
  PRESET_FILE_MAX_BYTES,
  PRESET_FILE_VERSION,
  PresetFileError,
  parsePresetFile,
  serializePresetFile,
} from '../../shared/presetFile.js';
import { type Db, inTransaction } from '../db/database.js';
import * as presetsRepo from '../db/presetsRepo.js';
import { getPreset } from './presetsService.js';

/** A preset with its whole version history as preset-file JSON text. */
export function exportPreset(db: Db, id: PresetId | string): string {
  const preset = getPreset(db, id);
  return serializePresetFile({
    format: PRESET_FILE_FORMAT,
    version: PRESET_FILE_VERSION,
    name: preset.name,
    description: preset.description,
    versions: presetsRepo.listVersions(db, preset.id).map((v) => ({
      safePrompt: v.safePrompt,
      reversePrompt: v.reversePrompt,
      alpha: v.alpha,
      beta: v.beta,
      method: v.method,
      createdAt: new Date(v.createdAt).toISOString(),
    })),
  });
}

/**
 * Add the preset in `text` as a new user preset with all its versions. The file is fully checked
 * first and stored in one transaction: a bad file changes nothing.
 */
export function importPresetText(db: Db, text: string): Preset {
  const file = parsePresetFile(text);
  return inTransaction(db, () => {
    const id = presetsRepo.insertPreset(db, {
      builtinKey: null,
      name: file.name,
      description: file.description,
      createdAt: Date.now(),
    });
    for (const version of file.versions) {
      presetsRepo.insertVersion(db, { ...version, presetId: id, createdAt: Date.parse(version.createdAt) });
    }
    return presetsRepo.getPreset(db, id)!;
  });
}

/** Import a preset file from disk; the size is checked before anything is read. */
export function importPresetFile(db: Db, path: string): Preset {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new UserError('file-not-found', `cannot read ${path}: no such file`);
  }
  if (size > PRESET_FILE_MAX_BYTES) {
    throw new PresetFileError(
      [
        {
          field: '',
          problem: `the file is ${size} bytes; a preset file may be at most ${PRESET_FILE_MAX_BYTES}`,
        },
      ],
      `preset file too large: ${path} is ${size} bytes, the limit is ${PRESET_FILE_MAX_BYTES} (256 KiB)`,
    );
  }
  return importPresetText(db, readFileSync(path, 'utf8'));
}
