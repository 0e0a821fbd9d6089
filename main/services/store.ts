import { damagedDatabase, type Db, openDatabase } from '../db/database.js';
import { brokenSearchIndexes, quickCheck, rebuildSearchIndex } from '../db/health.js';
import { markStreamingInterrupted } from '../db/messagesRepo.js';
import { syncBuiltinPresets } from './builtinPresets.js';
import { databasePath } from './dataDir.js';
import { currentOwner } from './dataFolderOwner.js';

export type OpenStoreOptions = {
  /** Folder of the built-in preset files; defaults to the app's assets/presets. */
  builtinPresetsDir?: string;
  now?: () => number;
  /**
   * Mark replies left `streaming` as `interrupted`. Only the data folder's owner may (it knows that
   * none is still being written); by default, only when no live process owns the folder.
   */
  recoverInterrupted?: boolean;
  /** Told what was repaired at open (a rebuilt search index), for the log or the terminal. */
  onNotice?: (message: string) => void;
};

/**
 * Open the data folder's database the way the app needs it at start-up: schema up to date,
 * built-in presets present, and any reply a crash left `streaming` marked `interrupted` — unless
 * another process owns the folder (dataFolderOwner.ts), whose replies in progress are left alone.
 * A damaged file is refused with one coded error ('db-damaged') that says how to restore; a
 * broken search index alone is rebuilt from the messages, with a notice.
 */
export function openStore(dataDir: string, options: OpenStoreOptions = {}): Db {
  const file = databasePath(dataDir);
  const db = openDatabase(file);
  try {
    // quick_check covers the pages and the FTS5 indexes' own structure (about a second at
    // 200,000 messages). When it finds a problem, a damaged search index is rebuilt from the
    // messages (nothing is lost) and the file checked again; anything left is real damage.
    let problems = checked(file, () => quickCheck(db));
    if (problems !== 'ok') {
      const broken = checked(file, () => brokenSearchIndexes(db));
      for (const index of broken) {
        checked(file, () => rebuildSearchIndex(db, index));
        options.onNotice?.(
          `the search index (${index}) was damaged and has been rebuilt from your conversations; nothing was lost`,
        );
      }
      if (broken.length > 0) problems = checked(file, () => quickCheck(db));
    }
    if (problems !== 'ok') throw damagedDatabase(file, problems);
    syncBuiltinPresets(db, options.builtinPresetsDir);
    if (options.recoverInterrupted ?? currentOwner(dataDir) === null)
      markStreamingInterrupted(db, (options.now ?? Date.now)());
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A check that itself meets a damaged page reports the damage, not a crash. */
function checked<T>(file: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (String((error as { code?: string }).code).startsWith('SQLITE_CORRUPT'))
      throw damagedDatabase(file, (error as Error).message);
    throw error;
  }
}
