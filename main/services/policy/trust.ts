import type { Stats } from 'node:fs';

/**
 * Whether a policy file (or its folder) could have been written by someone who is not an admin.
 * On POSIX: it must belong to a trusted owner (root) and be writable by no group or other user;
 * otherwise anyone at the keyboard could edit the "admin's" rules. Windows ACLs cannot be read
 * without a native module, so there the folder's default ACL (admins only) is relied on.
 */
export function untrustedReason(
  stats: Stats,
  trustedUids: readonly number[],
  platform: NodeJS.Platform,
): string | null {
  if (platform === 'win32') return null;
  if (!trustedUids.includes(stats.uid)) return `owned by uid ${stats.uid}, not by an admin (root)`;
  if ((stats.mode & 0o022) !== 0) return `writable by ${stats.mode & 0o002 ? 'every user' : 'its group'}`;
  return null;
}
