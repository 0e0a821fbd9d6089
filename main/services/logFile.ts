// Rose's log in the data folder: `logs/rose.log`, rotated by size, a fixed number of files kept.
// A packaged desktop app has no visible stderr, so this is where "details are in the log" points.
// Writes are synchronous on purpose: the last lines before a crash (uncaughtException) must reach
// the disk before the process exits, and Rose logs rarely (errors, start, stop).
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_FOLDER = 'logs';
export const LOG_NAME = 'rose.log';
/** rose.log grows to about this size before it becomes rose.1.log. */
export const LOG_MAX_BYTES = 1_000_000;
/** rose.log plus this many older files minus one: rose.1.log … rose.4.log. */
export const LOG_FILES_KEPT = 5;

export type LogFileOptions = {
  dataDir: string;
  maxBytes?: number;
  filesKept?: number;
  /** Also written here (stderr for the CLI and development); default none. */
  echo?: (line: string) => void;
  now?: () => Date;
};

export type LogFile = {
  /** The folder holding rose.log and its older copies. */
  dir: string;
  /** The current file. */
  path: string;
  /** Write one message (a timestamp is added; multi-line messages such as stacks stay together). */
  log(message: string): void;
};

/** File `index` of the set: 0 is rose.log, 1 is rose.1.log, … */
export function logFileName(index: number): string {
  return index === 0 ? LOG_NAME : LOG_NAME.replace(/\.log$/, `.${index}.log`);
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Shift rose.log → rose.1.log → … and drop the oldest, so at most `filesKept` files remain. */
function rotate(dir: string, filesKept: number): void {
  rmSync(join(dir, logFileName(filesKept - 1)), { force: true });
  for (let index = filesKept - 2; index >= 0; index--) {
    try {
      renameSync(join(dir, logFileName(index)), join(dir, logFileName(index + 1)));
    } catch {
      // a gap in the set (deleted by hand): nothing to move
    }
  }
}

export function openLogFile(options: LogFileOptions): LogFile {
  const dir = join(options.dataDir, LOG_FOLDER);
  const path = join(dir, LOG_NAME);
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const filesKept = Math.max(1, options.filesKept ?? LOG_FILES_KEPT);
  const now = options.now ?? (() => new Date());
  let failed = false;
  return {
    dir,
    path,
    log(message) {
      const line = `${now().toISOString()} ${message.replace(/\n?$/, '\n')}`;
      options.echo?.(line);
      try {
        mkdirSync(dir, { recursive: true });
        // Size read from disk each time: `rose serve` and the app may share a data folder.
        const size = sizeOf(path);
        if (size > 0 && size + Buffer.byteLength(line) > maxBytes) {
          if (filesKept > 1) rotate(dir, filesKept);
          else rmSync(path, { force: true });
        }
        appendFileSync(path, line);
        failed = false;
      } catch (error) {
        // Logging must never take the app down (full disk, read-only folder): say so once.
        if (!failed) {
          failed = true;
          process.stderr.write(`rose: cannot write the log ${path}: ${(error as Error).message}\n`);
        }
      }
    },
  };
}
