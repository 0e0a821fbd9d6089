import type { Preset, PresetId, PresetVersion, PresetVersionId, ReverseMethod } from '../../shared/domain.js';
import { UserError } from '../../shared/errors.js';
import { ALPHA_MAX, BETA_MAX } from '../../shared/presetFile.js';
import { type Db, inTransaction } from '../db/database.js';
import * as presetsRepo from '../db/presetsRepo.js';

/** The part of a preset version a user writes; number, ids and dates are Rose's. */
export type PresetSettings = {
  safePrompt: string;
  reversePrompt: string;
  alpha: number;
  beta: number;
  method: ReverseMethod;
};

export type NewPresetInput = { name: string; description?: string } & PresetSettings;

const now = () => Date.now();

export function listPresets(db: Db, options: { includeDeleted?: boolean } = {}): Preset[] {
  return presetsRepo.listPresets(db, options);
}

/** A preset by its number or, for built-ins, by its key (`manual-reverse`). */
export function getPreset(db: Db, idOrKey: PresetId | string): Preset {
  const byNumber = typeof idOrKey === 'number' || /^\d+$/.test(idOrKey);
  const preset = byNumber
    ? presetsRepo.getPreset(db, Number(idOrKey) as PresetId)
    : presetsRepo.getPresetByBuiltinKey(db, idOrKey);
  if (!preset)
    throw new UserError('preset-not-found', `no preset '${idOrKey}'. Run 'rose presets list' to see them.`);
  return preset;
}

export function listVersions(db: Db, presetId: PresetId): PresetVersion[] {
  return presetsRepo.listVersions(db, getPreset(db, presetId).id);
}

export function getVersion(db: Db, id: PresetVersionId): PresetVersion {
  const version = presetsRepo.getVersion(db, id);
  if (!version) throw new UserError('preset-version-not-found', `no preset version ${id}`);
  return version;
}

export function createPreset(db: Db, input: NewPresetInput): Preset {
  checkSettings(input);
  const name = checkName(input.name);
  return inTransaction(db, () => {
    const at = now();
    const id = presetsRepo.insertPreset(db, {
      builtinKey: null,
      name,
      description: input.description ?? '',
      createdAt: at,
    });
    presetsRepo.insertVersion(db, { ...pickSettings(input), presetId: id, createdAt: at });
    return presetsRepo.getPreset(db, id)!;
  });
}

/**
 * Change a user preset's prompts or weights. Versions never change once made (messages point at
 * them), so this adds a version; unchanged settings add nothing.
 */
export function editPreset(db: Db, id: PresetId, settings: PresetSettings): Preset {
  checkSettings(settings);
  return inTransaction(db, () => {
    const preset = writable(db, id);
    const latest = pickSettings(preset.latest);
    const next = pickSettings(settings);
    if (JSON.stringify(latest) === JSON.stringify(next)) return preset;
    const at = now();
    presetsRepo.insertVersion(db, { ...next, presetId: id, createdAt: at });
    presetsRepo.touchPreset(db, id, at);
    return presetsRepo.getPreset(db, id)!;
  });
}

export function renamePreset(db: Db, id: PresetId, info: { name: string; description?: string }): Preset {
  const name = checkName(info.name);
  return inTransaction(db, () => {
    const preset = writable(db, id);
    presetsRepo.updatePresetInfo(db, id, {
      name,
      description: info.description ?? preset.description,
      updatedAt: now(),
    });
    return presetsRepo.getPreset(db, id)!;
  });
}

/** A user copy of any preset (built-in or not) holding its latest settings as version 1. */
export function duplicatePreset(db: Db, id: PresetId, name?: string): Preset {
  const source = getPreset(db, id);
  return createPreset(db, {
    name: name ?? `${source.name} (copy)`,
    description: source.description,
    ...pickSettings(source.latest),
  });
}

/** Hide a user preset. Its versions stay so the messages made with them keep their provenance. */
export function deletePreset(db: Db, id: PresetId): void {
  inTransaction(db, () => {
    writable(db, id);
    presetsRepo.softDeletePreset(db, id, now());
  });
}

function writable(db: Db, id: PresetId): Preset {
  const preset = getPreset(db, id);
  if (preset.builtinKey !== null) {
    throw new UserError(
      'preset-read-only',
      `'${preset.name}' is a built-in preset and cannot be changed; duplicate it and edit the copy`,
    );
  }
  if (preset.deletedAt !== null) throw new UserError('preset-deleted', `preset '${preset.name}' was deleted`);
  return preset;
}

function pickSettings(s: PresetSettings): PresetSettings {
  return {
    safePrompt: s.safePrompt,
    reversePrompt: s.reversePrompt,
    alpha: s.alpha,
    beta: s.beta,
    method: s.method,
  };
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 100) {
    throw new UserError('preset-invalid', 'a preset name must be 1 to 100 characters');
  }
  return trimmed;
}

function checkSettings(s: PresetSettings): void {
  if (!s.safePrompt.trim()) throw new UserError('preset-invalid', 'the safe prompt must not be empty');
  if (!s.reversePrompt.trim()) throw new UserError('preset-invalid', 'the reverse prompt must not be empty');
  if (!(s.alpha >= 0 && s.alpha <= ALPHA_MAX))
    throw new UserError('preset-invalid', `alpha must be between 0 and ${ALPHA_MAX}`);
  if (!(s.beta >= 0 && s.beta <= BETA_MAX))
    throw new UserError('preset-invalid', `beta must be between 0 and ${BETA_MAX}`);
}
