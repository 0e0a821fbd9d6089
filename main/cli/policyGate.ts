import { resolve } from 'node:path';
import { type Channel, type RequestOf, validateRequest } from '../../shared/contract/index.js';
import { UserError } from '../../shared/errors.js';
import { channelGuards } from '../app/policyGuard.js';
import type { Db } from '../db/database.js';
import { ModelLibrary } from '../services/models.js';
import { loadPolicyEnforcer } from '../services/policy/loadPolicy.js';
import { openStore } from '../services/store.js';

/**
 * For CLI data commands that work on the database directly: run the policy rule of the channel
 * that does the same thing in the app (the same `channelGuards` map), before anything is written.
 * `db` is the command's open database; without one (models commands, which never need one) a rule
 * that reads the database opens it for the check and closes it again.
 */
export async function checkChannelPolicy<C extends Channel>(
  db: Db | null,
  dataDir: string,
  channel: C,
  input: RequestOf<C>,
): Promise<void> {
  let opened: Db | null = null;
  const database = () => {
    if (db) return db;
    opened ??= openStore(resolve(dataDir));
    return opened;
  };
  try {
    const guard = channelGuards(await loadPolicyEnforcer(dataDir), {
      db: database,
      library: new ModelLibrary({ dataDir: resolve(dataDir) }),
    })[channel] as ((input: unknown) => void | Promise<void>) | undefined;
    if (!guard) return;
    const parsed = validateRequest(channel, input);
    if (!parsed.ok) throw new UserError(parsed.error.code, parsed.error.message);
    await guard(parsed.value);
  } finally {
    (opened as Db | null)?.close();
  }
}
