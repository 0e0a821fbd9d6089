import { existsSync } from 'node:fs';
import { markUsage, usedBlocks } from '../../db/familyRepo.js';
import type { WithDb } from '../audit/auditLog.js';
import { databasePath } from '../dataDir.js';

/**
 * A child's use is counted in blocks of this many minutes: each block of the local day in which
 * the child asked something counts whole. Coarse on purpose — it needs no timer and no record
 * of when a reply was read, and it never undercounts a block that was used.
 */
export const USAGE_BLOCK_MINUTES = 5;

export type ChildUsage = {
  /** Minutes used on the local day of `at`. */
  minutesOn(at: Date): number;
  /** Count the block `at` falls in. */
  mark(at: Date): void;
};

const localDay = (at: Date) =>
  `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
const blockOf = (at: Date) => Math.floor((at.getHours() * 60 + at.getMinutes()) / USAGE_BLOCK_MINUTES);

export function childUsage(withDb: WithDb): ChildUsage {
  return {
    minutesOn: (at) => withDb((db) => usedBlocks(db, localDay(at))) * USAGE_BLOCK_MINUTES,
    mark: (at) => withDb((db) => markUsage(db, localDay(at), blockOf(at))),
  };
}

/** The same for a folder opened per call: a database that does not exist has no use recorded. */
export function folderChildUsage(dataDir: string, withDb: WithDb): ChildUsage {
  const usage = childUsage(withDb);
  return {
    minutesOn: (at) => (existsSync(databasePath(dataDir)) ? usage.minutesOn(at) : 0),
    mark: usage.mark,
  };
}
