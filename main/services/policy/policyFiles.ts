import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { untrustedReason } from './trust.js';

/** One `*.json` file of a policy folder, as read now. */
export type PolicyFileRead =
  | { path: string; status: 'ok'; values: Record<string, unknown> }
  /** Not JSON or not an object: the caller keeps this file's last good values. */
  | { path: string; status: 'malformed'; problem: string }
  /** Writable by non-admins: ignored (never a source of rules, never a reason to keep old ones). */
  | { path: string; status: 'untrusted'; problem: string };

export type PolicyDirOptions = { trustedUids: readonly number[]; platform: NodeJS.Platform };

/** Largest policy file read; a policy is a few kilobytes. */
const MAX_POLICY_FILE_BYTES = 1024 * 1024;

/**
 * Read every `*.json` file of a policy folder, in name order (so `10-org.json` comes before
 * `20-site.json`; the order only matters for labels, since merging tightens either way). A
 * missing folder is no policy; an untrusted folder makes every file in it untrusted.
 */
export async function readPolicyDir(dir: string, options: PolicyDirOptions): Promise<PolicyFileRead[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const dirProblem = untrustedReason(await stat(dir), options.trustedUids, options.platform);
  return Promise.all(
    names.map(async (name): Promise<PolicyFileRead> => {
      const path = join(dir, name);
      if (dirProblem) return { path, status: 'untrusted', problem: `ignored: its folder is ${dirProblem}` };
      try {
        const stats = await stat(path);
        const problem = untrustedReason(stats, options.trustedUids, options.platform);
        if (problem) return { path, status: 'untrusted', problem: `ignored: the file is ${problem}` };
        if (stats.size > MAX_POLICY_FILE_BYTES)
          return { path, status: 'malformed', problem: 'larger than 1 MiB' };
        const json: unknown = JSON.parse(await readFile(path, 'utf8'));
        if (json === null || typeof json !== 'object' || Array.isArray(json))
          return { path, status: 'malformed', problem: 'not a JSON object of settings' };
        return { path, status: 'ok', values: json as Record<string, unknown> };
      } catch (error) {
        return { path, status: 'malformed', problem: `cannot be read: ${(error as Error).message}` };
      }
    }),
  );
}
