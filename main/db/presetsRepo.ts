import {
  asPresetId,
  asPresetVersionId,
  type Preset,
  type PresetId,
  type PresetVersion,
  type PresetVersionId,
  type ReverseMethod,
} from '../../shared/domain.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

type PresetRow = {
  id: number;
  builtin_key: string | null;
  name: string;
  description: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
};
type VersionRow = {
  id: number;
  preset_id: number;
  number: number;
  safe_prompt: string;
  reverse_prompt: string;
  alpha: number;
  beta: number;
  method: ReverseMethod;
  created_at: number;
};

const toVersion = (r: VersionRow): PresetVersion => ({
  id: asPresetVersionId(r.id),
  presetId: asPresetId(r.preset_id),
  number: r.number,
  safePrompt: r.safe_prompt,
  reversePrompt: r.reverse_prompt,
  alpha: r.alpha,
  beta: r.beta,
  method: r.method,
  createdAt: r.created_at,
});

function withLatest(db: Db, row: PresetRow | undefined): Preset | undefined {
  if (!row) return undefined;
  const latest = statement(
    db,
    'SELECT * FROM preset_versions WHERE preset_id = ? ORDER BY number DESC LIMIT 1',
  ).get(row.id) as VersionRow;
  return {
    id: asPresetId(row.id),
    builtinKey: row.builtin_key,
    name: row.name,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    latest: toVersion(latest),
  };
}

export type NewPreset = { builtinKey: string | null; name: string; description: string; createdAt: number };

/** Insert a preset row; it needs a version (insertVersion) in the same transaction to be readable. */
export function insertPreset(db: Db, preset: NewPreset): PresetId {
  const result = statement(
    db,
    'INSERT INTO presets (builtin_key, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  ).run(preset.builtinKey, preset.name, preset.description, preset.createdAt, preset.createdAt);
  return asPresetId(Number(result.lastInsertRowid));
}

export type NewVersion = Omit<PresetVersion, 'id' | 'number'>;

/** Append a version; it gets the next number within its preset. */
export function insertVersion(db: Db, version: NewVersion): PresetVersion {
  const { next } = statement(
    db,
    'SELECT coalesce(max(number), 0) + 1 AS next FROM preset_versions WHERE preset_id = ?',
  ).get(version.presetId) as { next: number };
  const result = statement(
    db,
    `INSERT INTO preset_versions (preset_id, number, safe_prompt, reverse_prompt, alpha, beta, method, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    version.presetId,
    next,
    version.safePrompt,
    version.reversePrompt,
    version.alpha,
    version.beta,
    version.method,
    version.createdAt,
  );
  return { ...version, id: asPresetVersionId(Number(result.lastInsertRowid)), number: next };
}

export function getPreset(db: Db, id: PresetId): Preset | undefined {
  return withLatest(db, statement(db, 'SELECT * FROM presets WHERE id = ?').get(id) as PresetRow | undefined);
}

export function getPresetByBuiltinKey(db: Db, key: string): Preset | undefined {
  return withLatest(
    db,
    statement(db, 'SELECT * FROM presets WHERE builtin_key = ?').get(key) as PresetRow | undefined,
  );
}

/** Presets in list order: built-ins first, then by name. */
export function listPresets(db: Db, options: { includeDeleted?: boolean } = {}): Preset[] {
  const rows = statement(
    db,
    `SELECT * FROM presets WHERE ? OR deleted_at IS NULL
     ORDER BY builtin_key IS NULL, name COLLATE NOCASE, id`,
  ).all(options.includeDeleted ? 1 : 0) as PresetRow[];
  return rows.map((row) => withLatest(db, row)!);
}

/** All versions of a preset, oldest first. */
export function listVersions(db: Db, presetId: PresetId): PresetVersion[] {
  return (
    statement(db, 'SELECT * FROM preset_versions WHERE preset_id = ? ORDER BY number').all(
      presetId,
    ) as VersionRow[]
  ).map(toVersion);
}

export function getVersion(db: Db, id: PresetVersionId): PresetVersion | undefined {
  const row = statement(db, 'SELECT * FROM preset_versions WHERE id = ?').get(id) as VersionRow | undefined;
  return row && toVersion(row);
}

export function updatePresetInfo(
  db: Db,
  id: PresetId,
  info: { name: string; description: string; updatedAt: number },
): void {
  statement(db, 'UPDATE presets SET name = ?, description = ?, updated_at = ? WHERE id = ?').run(
    info.name,
    info.description,
    info.updatedAt,
    id,
  );
}

export function touchPreset(db: Db, id: PresetId, at: number): void {
  statement(db, 'UPDATE presets SET updated_at = ? WHERE id = ?').run(at, id);
}

/** Hide a preset; its versions stay, because messages and conversations may point at them. */
export function softDeletePreset(db: Db, id: PresetId, at: number): void {
  statement(db, 'UPDATE presets SET deleted_at = ?, updated_at = ? WHERE id = ?').run(at, at, id);
}
