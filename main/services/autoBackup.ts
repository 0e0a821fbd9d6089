import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/database.js';
import { backupTo } from './backupService.js';

/** Automatic backups of the database live in `<data>/backups/`, one a day, the newest few kept. */
export const BACKUP_FOLDER = 'backups';
export const BACKUPS_KEPT = 3;
export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000;
/** How often a long-running app looks whether the day's backup is due. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

const namePattern = /^rose-(\d{8})-(\d{6})\.sqlite$/;

export function backupsDir(dataDir: string): string {
  return join(dataDir, BACKUP_FOLDER);
}

/** The automatic backups, newest first. */
export function listBackups(dataDir: string): { file: string; at: number }[] {
  let names: string[];
  try {
    names = readdirSync(backupsDir(dataDir));
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, match: namePattern.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => ({
      file: join(backupsDir(dataDir), name),
      at: stampToMs(match[1]!, match[2]!),
    }))
    .sort((a, b) => b.at - a.at);
}

/** The file name of a backup made at `at` (UTC, so names sort by time). */
export function backupName(at: number): string {
  const iso = new Date(at).toISOString();
  return `rose-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}.sqlite`;
}

/**
 * Make today's backup when the newest is a day old (or there is none); either way keep only the
 * newest BACKUPS_KEPT. The copy is written under a temporary name and renamed, so a backup in the folder
 * is always complete. Returns the new file, or null when none was due.
 */
export async function backupIfDue(db: Db, dataDir: string, now = Date.now()): Promise<string | null> {
  const newest = listBackups(dataDir)[0];
  let file: string | null = null;
  if (!newest || now - newest.at >= BACKUP_EVERY_MS) {
    mkdirSync(backupsDir(dataDir), { recursive: true });
    file = join(backupsDir(dataDir), backupName(now));
    const partial = `${file}.partial`;
    await backupTo(db, partial, { overwrite: true });
    renameSync(partial, file);
  }
  for (const old of listBackups(dataDir).slice(BACKUPS_KEPT)) rmSync(old.file, { force: true });
  return file;
}

/**
 * Back up at start and whenever a day has passed while the app runs. Failures (a full disk) are
 * logged, never thrown. `stop` waits for a backup in progress, so the database can then be closed.
 */
export function scheduleDailyBackups(
  db: Db,
  dataDir: string,
  log: (message: string) => void,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = () => {
    if (stopped) return;
    running = running
      .then(() => (stopped ? null : backupIfDue(db, dataDir)))
      // Success is silent (the log is echoed on the terminal of `rose serve`); failure is not.
      .then(
        () => undefined,
        (error: unknown) => log(`the daily backup failed: ${(error as Error)?.message ?? String(error)}`),
      );
  };
  run();
  const timer = setInterval(run, CHECK_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

function stampToMs(date: string, time: string): number {
  return Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(4, 6)) - 1,
    Number(date.slice(6, 8)),
    Number(time.slice(0, 2)),
    Number(time.slice(2, 4)),
    Number(time.slice(4, 6)),
  );
}
