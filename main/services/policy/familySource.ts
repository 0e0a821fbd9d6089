import { existsSync } from 'node:fs';
import { folderWithDb } from '../audit/folderAuditLog.js';
import type { AuditSink } from '../audit/auditTypes.js';
import { databasePath } from '../dataDir.js';
import { dbMarkerOf, FamilyService } from '../family/familyService.js';
import type { FamilyProvider } from './policyService.js';

/**
 * The family lock of a data folder for a one-shot command (`rose generate`, `rose policy show`):
 * the database is opened only when it is needed, and one that does not exist yet is not created
 * just to learn that no PIN was ever set there.
 */
export function folderFamilyService(dataDir: string, audit: AuditSink = { record() {} }): FamilyService {
  const withDb = folderWithDb(dataDir);
  const marker = dbMarkerOf(withDb);
  // A one-shot command asks the policy several times; the database is opened once to learn it.
  let known: boolean | null = null;
  return new FamilyService({
    dataDir,
    audit,
    transport: 'cli',
    dbMarker: {
      has: () => {
        known ??= existsSync(databasePath(dataDir)) && marker.has();
        return known;
      },
      set: (at) => {
        marker.set(at);
        known = true;
      },
    },
  });
}

/**
 * The family lock's state for a data folder: child mode, tampering and the parent's values.
 * Every caller that has no running app (createRose has its own FamilyService) asks this one
 * function, so each transport sees the same family lock.
 */
export function familyProviderFor(dataDir: string): FamilyProvider {
  const family = folderFamilyService(dataDir);
  return () => family.state();
}
