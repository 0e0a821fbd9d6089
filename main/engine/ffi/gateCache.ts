import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A remembered canary verdict for one library file and one layout table. */
export type CachedVerdict = { ok: boolean; reason: string; checkedAt: string };

const FILE_NAME = 'ffi-gate.json';

/**
 * Canary verdicts on disk, keyed by library file (path + size + mtime), layout table and koffi
 * version, so the canary runs once per install rather than once per start. A corrupt or missing
 * file just means "not checked yet".
 */
export function readVerdict(cacheDir: string, key: string): CachedVerdict | undefined {
  return readAll(cacheDir)[key];
}

export function writeVerdict(cacheDir: string, key: string, verdict: CachedVerdict): void {
  mkdirSync(cacheDir, { recursive: true });
  const all = readAll(cacheDir);
  all[key] = verdict;
  const path = join(cacheDir, FILE_NAME);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(all, null, 2)}\n`);
  renameSync(temporary, path);
}

function readAll(cacheDir: string): Record<string, CachedVerdict> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(cacheDir, FILE_NAME), 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, CachedVerdict>) : {};
  } catch {
    return {};
  }
}
