import type { Db } from '../db/database.js';
import { resolveDataDir } from '../services/dataDir.js';
import { currentOwner, describeOwner } from '../services/dataFolderOwner.js';
import { openStore } from '../services/store.js';

/** `--data-dir DIR`, shared by every command that reads or writes Rose's database. */
export const dataDirOption = { 'data-dir': { type: 'string' } } as const;

/**
 * Open the data folder's database (DIR, else ROSE_DATA_DIR, else the OS user-data folder), run
 * `work`, close. While the app or `rose serve` owns the folder its replies in progress are left
 * alone (no recovery), and the command says so.
 */
export async function withStore<T>(
  dataDir: string | undefined,
  work: (db: Db, dir: string) => Promise<T> | T,
): Promise<T> {
  const dir = resolveDataDir(dataDir);
  if (currentOwner(dir)) {
    process.stderr.write(`rose: note: ${describeOwner(dir)}; its replies in progress are left as they are\n`);
  }
  const db = openStore(dir, { onNotice: (message) => process.stderr.write(`rose: note: ${message}\n`) });
  try {
    return await work(db, dir);
  } finally {
    db.close();
  }
}

/** Write one JSON document to stdout (for --json). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Local date and time to the minute, for lists. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
