import { statfs } from 'node:fs/promises';
import { UserError } from '../../shared/errors.js';

/** Returns the bytes free for this user on the file system holding `dir`. Injectable so a test can simulate a full disk. */
export type FreeSpaceProbe = (dir: string) => Promise<number>;

export const statfsFreeSpace: FreeSpaceProbe = async (dir) => {
  const stats = await statfs(dir);
  return Number(stats.bavail) * Number(stats.bsize);
};

/** Room kept free beyond the file itself, so a download never fills the disk to the last byte. */
export const diskHeadroomBytes = 256 * 1024 * 1024;

/** Throws a UserError before a download starts when `neededBytes` (plus headroom) will not fit. */
export async function assertDiskSpace(
  dir: string,
  neededBytes: number,
  probe: FreeSpaceProbe,
): Promise<void> {
  const free = await probe(dir);
  if (free < neededBytes + diskHeadroomBytes) {
    throw new UserError(
      'disk-full',
      `not enough disk space in ${dir}: the download needs ${formatBytes(neededBytes)} more (plus ${formatBytes(diskHeadroomBytes)} to spare) but only ${formatBytes(free)} is free. Free some space or choose another data folder.`,
    );
  }
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
