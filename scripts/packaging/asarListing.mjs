// Reads the file index of an asar archive without extracting it (and without depending on
// electron-builder's internal @electron/asar). Layout: a 4-byte size pickle, then a header pickle
// holding a length-prefixed JSON tree of { files: { name: { files | size, offset, unpacked } } }.
import { closeSync, openSync, readSync } from 'node:fs';

function readBytes(fd, position, length) {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, position);
  if (read !== length) throw new Error(`asar archive is truncated (wanted ${length} bytes at ${position})`);
  return buffer;
}

/**
 * Every file in the archive as `{ path, unpacked }`, with `/`-separated paths relative to the
 * archive root. `unpacked` files live beside it in `<archive>.unpacked/`.
 * @param {string} archivePath
 * @returns {{ path: string, unpacked: boolean }[]}
 */
export function listAsar(archivePath) {
  const fd = openSync(archivePath, 'r');
  try {
    const sizePickle = readBytes(fd, 0, 8);
    if (sizePickle.readUInt32LE(0) !== 4) throw new Error(`${archivePath} is not an asar archive`);
    const headerPickle = readBytes(fd, 8, sizePickle.readUInt32LE(4));
    const jsonLength = headerPickle.readUInt32LE(4);
    const header = JSON.parse(headerPickle.subarray(8, 8 + jsonLength).toString('utf8'));
    const files = [];
    const walk = (node, prefix) => {
      for (const [name, entry] of Object.entries(node.files ?? {})) {
        const path = prefix === '' ? name : `${prefix}/${name}`;
        if (entry.files !== undefined) walk(entry, path);
        else files.push({ path, unpacked: entry.unpacked === true });
      }
    };
    walk(header, '');
    return files;
  } finally {
    closeSync(fd);
  }
}
