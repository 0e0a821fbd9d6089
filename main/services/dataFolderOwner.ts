import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { UserError } from '../../shared/errors.js';

/** Who holds a data folder: written beside the lock so others can say who it is. */
export type DataFolderOwner = { pid: number; hostname: string; holder: string; since: string };

/** A held data folder; `release` gives it up and removes owner.json (proper-lockfile also drops the lock on exit). */
export type DataFolderClaim = { owner: DataFolderOwner; release(): void };

/**
 * The owner refreshes its lock every `update` ms; one not refreshed for `stale` ms is taken over
 * (a killed owner on another machine sharing the folder). On this machine a dead pid frees it at once.
 */
export const ownerLockTiming = { stale: 10_000, update: 2_000 } as const;

const LOCK_DIR = 'owner.lock';
const OWNER_FILE = 'owner.json';
/** What proper-lockfile locks (a name only: the lock itself is the LOCK_DIR folder). */
const lockTarget = (dataDir: string) => join(dataDir, OWNER_FILE);

function lockOptions(dataDir: string) {
  return { ...ownerLockTiming, realpath: false, lockfilePath: join(dataDir, LOCK_DIR) };
}

/**
 * Take the data folder for this process (the desktop app, `rose serve`, or `rose chat` when
 * nothing else runs): only the owner marks replies left `streaming` as `interrupted`, since only
 * it knows that none of them is still being written. Null when another live process holds it.
 */
export function claimDataFolder(
  dataDir: string,
  holder: string,
  log: (message: string) => void = () => {},
): DataFolderClaim | null {
  mkdirSync(dataDir, { recursive: true });
  clearDeadOwner(dataDir);
  let release: () => void;
  try {
    release = lockfile.lockSync(lockTarget(dataDir), {
      ...lockOptions(dataDir),
      // The default throws from a timer (the process would end); a lost lock is only reported.
      onCompromised: (error: Error) => log(`the lock on ${dataDir} was lost: ${error.message}`),
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') return null;
    throw error;
  }
  const owner: DataFolderOwner = {
    pid: process.pid,
    hostname: hostname(),
    holder,
    since: new Date().toISOString(),
  };
  writeFileAtomic.sync(join(dataDir, OWNER_FILE), `${JSON.stringify(owner, null, 2)}\n`);
  let released = false;
  return {
    owner,
    release() {
      if (released) return;
      released = true;
      // The name goes first, while the lock still keeps others from writing theirs.
      if (readOwner(dataDir)?.pid === process.pid) rmSync(join(dataDir, OWNER_FILE), { force: true });
      try {
        release();
      } catch {
        // Already gone (taken over as stale): nothing left to give up.
      }
    },
  };
}

/** Take the folder or refuse with a message that names the process holding it. */
export function requireDataFolder(
  dataDir: string,
  holder: string,
  log?: (message: string) => void,
): DataFolderClaim {
  const claim = claimDataFolder(dataDir, holder, log);
  if (claim) return claim;
  throw new UserError(
    'data-folder-in-use',
    `${describeOwner(dataDir)}; stop it first, or pass another --data-dir`,
  );
}

/** The live process holding the folder, or null when none does. */
export function currentOwner(dataDir: string): DataFolderOwner | null {
  clearDeadOwner(dataDir);
  let held: boolean;
  try {
    held = lockfile.checkSync(lockTarget(dataDir), lockOptions(dataDir));
  } catch {
    return null;
  }
  if (!held) return null;
  return readOwner(dataDir) ?? { pid: 0, hostname: '', holder: 'another Rose process', since: '' };
}

/** "Rose (rose serve, process 123) is using /data" — for refusals and notes. */
export function describeOwner(dataDir: string): string {
  const owner = readOwner(dataDir);
  const who = owner ? `${owner.holder}, process ${owner.pid}` : 'another process';
  return `Rose (${who}) is already using the data folder ${dataDir}`;
}

function readOwner(dataDir: string): DataFolderOwner | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as DataFolderOwner;
  } catch {
    return null;
  }
}

/** A lock whose owner was killed on this machine is freed now rather than after `stale` ms. */
function clearDeadOwner(dataDir: string): void {
  const owner = readOwner(dataDir);
  if (!owner || owner.hostname !== hostname() || owner.pid === process.pid || isAlive(owner.pid)) return;
  rmSync(join(dataDir, LOCK_DIR), { recursive: true, force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
