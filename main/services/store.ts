import { type Db, openDatabase } from '../db/database.js';
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
};

/**
 * Open the data folder's database the way the app needs it at start-up: schema up to date,
 * built-in presets present, and any reply a crash left `streaming` marked `interrupted` — unless
 * another process owns the folder (dataFolderOwner.ts), whose replies in progress are left alone.
 */
export function openStore(dataDir: string, options: OpenStoreOptions = {}): Db {
  const db = openDatabase(databasePath(dataDir));
  try {
    syncBuiltinPresets(db, options.builtinPresetsDir);
    if (options.recoverInterrupted ?? currentOwner(dataDir) === null)
      markStreamingInterrupted(db, (options.now ?? Date.now)());
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
