import { resolve } from 'node:path';
import { type Channel, type RequestOf, validateRequest } from '../../shared/contract/index.js';
import { UserError } from '../../shared/errors.js';
import { channelGuards } from '../app/policyGuard.js';
import type { Db } from '../db/database.js';
import { ModelLibrary } from '../services/models.js';
import { loadPolicyEnforcer } from '../services/policy/loadPolicy.js';

/**
 * For CLI data commands that work on the database directly: run the policy rule of the channel
 * that does the same thing in the app (the same `channelGuards` map), before anything is written.
 */
export async function checkChannelPolicy<C extends Channel>(
  db: Db,
  dataDir: string,
  channel: C,
  input: RequestOf<C>,
): Promise<void> {
  const guard = channelGuards(await loadPolicyEnforcer(dataDir), {
    db,
    library: new ModelLibrary({ dataDir: resolve(dataDir) }),
  })[channel] as ((input: unknown) => void | Promise<void>) | undefined;
  if (!guard) return;
  const parsed = validateRequest(channel, input);
  if (!parsed.ok) throw new UserError(parsed.error.code, parsed.error.message);
  await guard(parsed.value);
}
