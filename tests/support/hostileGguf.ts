import { readFile } from 'node:fs/promises';
import { getTinyModel } from './testModels.js';

/**
 * A declared string length between 2^31 and 2^32: node-llama-cpp's reader passes it to a file
 * read that trips a Node assertion and aborts the whole process (exit 134).
 */
export const abortingStringLength = 2n ** 31n + 7n;

/**
 * The tiny test model with the length of its first string metadata value replaced by `length`.
 * Everything else (the other entries, tensors, data) is the real file, so only that lie differs.
 */
export async function ggufWithStringLength(length: bigint = abortingStringLength): Promise<Buffer> {
  const file = Buffer.from(await readFile(await getTinyModel()));
  const count = Number(file.readBigUInt64LE(16));
  let at = 24;
  for (let entry = 0; entry < count; entry++) {
    at += 8 + Number(file.readBigUInt64LE(at)); // key
    const type = file.readUInt32LE(at);
    at += 4;
    if (type === 8) {
      file.writeBigUInt64LE(length, at);
      return file;
    }
    const scalarBytes: Record<number, number> = {
      0: 1,
      1: 1,
      2: 2,
      3: 2,
      4: 4,
      5: 4,
      6: 4,
      7: 1,
      10: 8,
      11: 8,
      12: 8,
    };
    const bytes = scalarBytes[type];
    if (bytes === undefined) break;
    at += bytes;
  }
  throw new Error('the tiny model has no string metadata before its first array');
}
