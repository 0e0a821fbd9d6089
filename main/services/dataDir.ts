import { homedir } from 'node:os';
import { join } from 'node:path';

/** The database file's name inside the data folder. */
export const DATABASE_FILE = 'rose.sqlite';

/**
 * Where Rose keeps its data: an explicit folder (`--data-dir`), else ROSE_DATA_DIR, else the
 * operating system's per-user application data folder (the same one Electron's userData uses).
 */
export function resolveDataDir(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (explicit) return explicit;
  if (env.ROSE_DATA_DIR) return env.ROSE_DATA_DIR;
  const home = homedir();
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Rose');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Rose');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Rose');
  }
}

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}
