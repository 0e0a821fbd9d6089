import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePresetFile } from '../../shared/presetFile.js';
import { type Db, inTransaction } from '../db/database.js';
import * as presetsRepo from '../db/presetsRepo.js';

/** The built-in preset files (assets/presets), found from this module upwards (source or dist). */
export function defaultBuiltinPresetsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'assets', 'presets');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('assets/presets not found above the Rose modules');
    dir = parent;
  }
}

/**
 * Make the database hold every built-in preset with all the versions its file lists. Files only
 * ever gain versions (older wording stays for the messages made with it), so new ones are appended.
 */
export function syncBuiltinPresets(db: Db, dir: string = defaultBuiltinPresetsDir()): void {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  inTransaction(db, () => {
    for (const name of files) {
      const key = basename(name, '.json');
      const file = parsePresetFile(readFileSync(join(dir, name), 'utf8'));
      const existing = presetsRepo.getPresetByBuiltinKey(db, key);
      const presetId =
        existing?.id ??
        presetsRepo.insertPreset(db, {
          builtinKey: key,
          name: file.name,
          description: file.description,
          createdAt: Date.parse(file.versions[0]!.createdAt),
        });
      if (existing && (existing.name !== file.name || existing.description !== file.description)) {
        presetsRepo.updatePresetInfo(db, presetId, {
          name: file.name,
          description: file.description,
          updatedAt: existing.updatedAt,
        });
      }
      for (const version of file.versions.slice(existing?.latest.number ?? 0)) {
        presetsRepo.insertVersion(db, { ...version, presetId, createdAt: Date.parse(version.createdAt) });
      }
    }
  });
}
