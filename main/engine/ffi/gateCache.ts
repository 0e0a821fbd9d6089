import { readCacheEntries, writeCacheEntry } from './cacheFile.js';

/** A remembered canary verdict for one library file and one layout table. */
export type CachedVerdict = { ok: boolean; reason: string; checkedAt: string };

const FILE_NAME = 'ffi-gate.json';

/**
 * Canary verdicts on disk, keyed by library file (path + size + mtime), layout table and koffi
 * version, so the canary runs once per install rather than once per start. A corrupt or missing
 * file just means "not checked yet".
 */
export function readVerdict(cacheDir: string, key: string): CachedVerdict | undefined {
  return readCacheEntries<CachedVerdict>(cacheDir, FILE_NAME)[key];
}

export function writeVerdict(cacheDir: string, key: string, verdict: CachedVerdict): void {
  writeCacheEntry(cacheDir, FILE_NAME, key, verdict);
}
