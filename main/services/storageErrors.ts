import { isUserError, UserError } from '../../shared/errors.js';
import { RESTORE_ADVICE } from '../db/database.js';

/** What the user is told when a write finds no space; one wording for every write path. */
export const DISK_FULL_ADVICE = 'free some space on the disk that holds the data folder and try again';

/** The reply's error when the disk fills while it streams: the text so far is kept for Continue. */
export const REPLY_DISK_FULL_MESSAGE =
  'the disk is full, so the reply stopped here; free some space, then press Continue or Regenerate';

// SQLite reports a full disk (or a database that reached its size limit) as SQLITE_FULL;
// the file system as ENOSPC, or EDQUOT when a quota is reached.
const diskFullCodes = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
// The file is there but cannot be read or opened: permissions, a folder in its place, a bad disk.
const unreadableCodes = new Set([
  'EACCES',
  'EPERM',
  'EIO',
  'EISDIR',
  'ENOTDIR',
  'EROFS',
  'SQLITE_CANTOPEN',
  'SQLITE_PERM',
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_IOERR_READ',
  'SQLITE_IOERR_SHORT_READ',
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when `error` says the disk (or a quota, or SQLite's size limit) is full. */
export function isDiskFull(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && (diskFullCodes.has(code) || code === 'disk-full');
}

/**
 * The coded error a storage failure deserves ('disk-full', 'file-unreadable', 'db-damaged'), or null when
 * `error` is not one. `what` names what was being read or written, for the message.
 */
export function storageUserError(error: unknown, what: string): UserError | null {
  if (isUserError(error)) return null;
  const code = codeOf(error);
  if (code === undefined) return null;
  const path = (error as { path?: unknown }).path;
  const where = typeof path === 'string' ? ` (${path})` : '';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new UserError('db-damaged', `the database is damaged: ${firstLine(error)}. ${RESTORE_ADVICE}`);
  }
  if (diskFullCodes.has(code)) {
    return new UserError(
      'disk-full',
      `the disk is full: could not save ${what}${where}; ${DISK_FULL_ADVICE}`,
    );
  }
  if (unreadableCodes.has(code)) {
    return new UserError(
      'file-unreadable',
      `cannot read or write ${what}${where}: ${firstLine(error)}; check that the file exists and that Rose may use it`,
    );
  }
  return null;
}

/** Run a write and turn a storage failure into its coded error; other errors pass unchanged. */
export async function withStorageErrors<T>(what: string, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw storageUserError(error, what) ?? error;
  }
}

/** The synchronous form of withStorageErrors. */
export function withStorageErrorsSync<T>(what: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw storageUserError(error, what) ?? error;
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0] ?? '';
}
