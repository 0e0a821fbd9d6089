import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small JSON file of keyed entries in the cache folder (canary verdicts, decode schedules). A
 * corrupt or missing file reads as empty: every entry is something Rose can measure again.
 */
export function readCacheEntries<T>(cacheDir: string, fileName: string): Record<string, T> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(cacheDir, fileName), 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, T>) : {};
  } catch {
    return {};
  }
}

/** Sets one entry; written to a temporary file and renamed, so a reader never sees half a file. */
export function writeCacheEntry<T>(cacheDir: string, fileName: string, key: string, value: T): void {
  mkdirSync(cacheDir, { recursive: true });
  const all = readCacheEntries<T>(cacheDir, fileName);
  all[key] = value;
  const path = join(cacheDir, fileName);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(all, null, 2)}\n`);
  renameSync(temporary, path);
}
