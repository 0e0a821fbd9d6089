import type { Db } from '../../main/db/database.js';
import * as evalRepo from '../../main/db/evalRepo.js';
import { getPreset } from '../../main/services/presetsService.js';
import { DEFAULT_PRESET_KEY } from '../../shared/generationLimits.js';

/**
 * A bench run stored straight into the database, over `items` with plain decoding only, owned by
 * `ownerPid`: for tests of what reads runs and answers, without generating any.
 */
export function insertPlainRun(
  db: Db,
  items: readonly { id: number; suiteId: number }[],
  ownerPid: number,
): number {
  const version = getPreset(db, DEFAULT_PRESET_KEY).latest;
  return evalRepo.insertRun(db, {
    modelSha256: 'a'.repeat(64),
    modelName: 'm.gguf',
    modelPath: '/m.gguf',
    presetVersionId: version.id,
    presetId: version.presetId,
    presetVersion: version.number,
    settings: [{ name: 'plain', alpha: null }],
    suiteIds: [...new Set(items.map((item) => item.suiteId))],
    mode: 'quick',
    maxTokens: 8,
    judge: 'rules',
    roseVersion: 'test',
    notes: [],
    createdAt: 1,
    itemIds: items.map((item) => item.id),
    ownerPid,
  });
}
