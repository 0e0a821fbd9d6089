import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A path as a person types it into the app: `~` or `~/…` means their home folder (a shell would
 * expand it; the app's import box has no shell), anything else is made absolute as usual.
 */
export function expandHome(path: string, home: string = homedir()): string {
  const trimmed = path.trim();
  if (trimmed === '~') return home;
  if (trimmed.startsWith('~/') || trimmed.startsWith('~\\')) return join(home, trimmed.slice(2));
  return resolve(trimmed);
}
