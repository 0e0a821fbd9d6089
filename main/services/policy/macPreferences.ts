import { readFile } from 'node:fs/promises';
import bplist from 'bplist-parser';
import { parse as parsePlist } from 'plist';
import type { PolicyFileRead } from './policyFiles.js';

/**
 * Forced managed preferences (a configuration profile pushed by MDM), which macOS writes to
 * `/Library/Managed Preferences/[user/]<bundle id>.plist`, binary or XML. Keys are the policy keys;
 * lists are plist arrays, the managed preset a dictionary. Profiles also carry `PayloadUUID` and
 * similar bookkeeping keys, which are dropped here.
 */
export async function readManagedPreferences(path: string): Promise<PolicyFileRead | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { path, status: 'malformed', problem: `cannot be read: ${(error as Error).message}` };
  }
  try {
    const parsed: unknown =
      bytes.subarray(0, 6).toString('latin1') === 'bplist'
        ? bplist.parseBuffer(bytes)[0]
        : parsePlist(bytes.toString('utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || parsed instanceof Date)
      return { path, status: 'malformed', problem: 'not a dictionary of settings' };
    const values = Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).filter(
        ([key]) => !key.startsWith('Payload') && key !== 'PolicyVersion',
      ),
    );
    return { path, status: 'ok', values };
  } catch (error) {
    return { path, status: 'malformed', problem: `not a property list: ${(error as Error).message}` };
  }
}
