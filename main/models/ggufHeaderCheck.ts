import { type FileHandle, open } from 'node:fs/promises';
import { basename } from 'node:path';
import { UserError } from '../../shared/errors.js';
import { tensorDataBytes } from './ggufTensorBytes.js';

/** GGUF versions Rose reads: both store every length and count as 64 bits. */
export const supportedGgufVersions = [2, 3] as const;
/** Magic (4) + version (4) + tensor count (8) + metadata count (8). */
const fixedHeaderBytes = 24;
/**
 * The longest metadata string accepted. Real files hold chat templates of a few KiB and
 * vocabulary pieces of a few bytes; node-llama-cpp's reader aborts the process (a Node
 * assertion, not an exception) on a length past 2^31, so a hostile length must stop here.
 */
const maxStringBytes = 64 * 1024 * 1024;
/** ggml tensors have at most 4 dimensions (GGML_MAX_DIMS). */
const maxDimensions = 4;
const defaultAlignment = 32;
/** Bytes read from disk at a time: the reader never holds more than this of the file. */
const windowBytes = 64 * 1024;

/** Smallest encodings, to bound counts by what the rest of the file could hold at all. */
const minMetadataEntryBytes = 8 + 4 + 1; // key length, value type, one-byte value
const minTensorInfoBytes = 8 + 4 + 4 + 8; // name length, dimension count, type, offset

/** Fixed sizes of the scalar metadata value types (GGUF `gguf_type`); 8 = string, 9 = array. */
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
const stringType = 8;
const arrayType = 9;

/** What the header says, once every length and count in it has been checked against the file. */
export type GgufHeaderSummary = {
  version: number;
  tensorCount: number;
  metadataCount: number;
  alignment: number;
  /** Where tensor data starts (after the header, aligned). */
  dataOffset: number;
  /** The end of the last tensor's data: the file must be at least this long. */
  dataEnd: number;
};

/**
 * Walks a GGUF header with bounded reads, checking every string length, array count, tensor
 * count and metadata count against the bytes the file really has, before any other reader
 * (node-llama-cpp, llama.cpp) sees the file. Never reads the whole file, never trusts a length
 * it has not bounded. Every problem is a UserError naming the file.
 */
export async function checkGgufHeader(path: string): Promise<GgufHeaderSummary> {
  const name = basename(path);
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('not-found', `${path} does not exist.`);
    throw new UserError('file-unreadable', `${path} cannot be read (${code ?? (error as Error).message}).`);
  }
  try {
    const size = (await handle.stat()).size;
    const reader = new BoundedReader(handle, size, name);
    return await walkHeader(reader, name, size);
  } finally {
    await handle.close();
  }
}

async function walkHeader(reader: BoundedReader, name: string, size: number): Promise<GgufHeaderSummary> {
  const head = await reader.peek(Math.min(size, 512));
  if (head.subarray(0, 4).toString('latin1') !== 'GGUF') {
    if (looksLikeHtml(head)) {
      throw new UserError(
        'not-gguf-html',
        `${name} is a web page (HTML), not a GGUF model — an error or login page was saved instead of the model file.`,
      );
    }
    throw new UserError(
      'not-gguf',
      `${name} is not a GGUF model file (it does not start with the GGUF signature).`,
    );
  }
  if (size < fixedHeaderBytes) {
    throw new UserError(
      'gguf-truncated',
      `${name} is truncated: it ends inside the GGUF header. Download or copy it again.`,
    );
  }
  await reader.skip(4);
  const version = await reader.u32();
  if (!(supportedGgufVersions as readonly number[]).includes(version)) {
    throw new UserError(
      'gguf-version',
      `${name} is GGUF version ${version}; Rose reads versions ${supportedGgufVersions.join(' and ')}.`,
    );
  }
  const tensorCount = reader.count(await reader.u64(), minTensorInfoBytes, 'tensor count');
  const metadataCount = reader.count(await reader.u64(), minMetadataEntryBytes, 'metadata entry count');

  let alignment = defaultAlignment;
  for (let entry = 0; entry < metadataCount; entry++) {
    const key = await reader.string('metadata key', 64 * 1024);
    const type = await reader.u32();
    if (key === 'general.alignment' && type === 4) {
      alignment = await reader.u32();
      if (alignment === 0 || (alignment & (alignment - 1)) !== 0)
        throw reader.damaged(`general.alignment is ${alignment}, not a power of two`);
      continue;
    }
    await skipValue(reader, type, key);
  }

  const tensors: { name: string; type: number; elements: number; offset: number }[] = [];
  for (let index = 0; index < tensorCount; index++) {
    const tensorName = await reader.string(`name of tensor ${index}`, 64 * 1024);
    const dimensions = await reader.u32();
    if (dimensions < 1 || dimensions > maxDimensions)
      throw reader.damaged(`tensor ${tensorName} has ${dimensions} dimensions`);
    let elements = 1;
    for (let d = 0; d < dimensions; d++) {
      const dim = await reader.u64();
      // Even at one bit per element a tensor cannot hold more elements than the file has bits.
      if (dim > BigInt(size) * 8n) throw reader.damaged(`tensor ${tensorName} declares dimension ${dim}`);
      elements *= Number(dim);
      if (elements > size * 8) throw reader.damaged(`tensor ${tensorName} is larger than the file`);
    }
    const type = await reader.u32();
    const offset = await reader.u64();
    // Past the end is what a cut-off file looks like (reported as truncated below); past 2^53 is not.
    if (offset > BigInt(Number.MAX_SAFE_INTEGER))
      throw reader.damaged(`tensor ${tensorName} has offset ${offset}`);
    tensors.push({ name: tensorName, type, elements, offset: Number(offset) });
  }

  const dataOffset = Math.ceil(reader.position / alignment) * alignment;
  let dataEnd = dataOffset;
  for (const tensor of tensors) {
    if (tensor.offset % alignment !== 0)
      throw reader.damaged(`tensor ${tensor.name} is not aligned to ${alignment} bytes`);
    dataEnd = Math.max(dataEnd, dataOffset + tensor.offset + tensorDataBytes(tensor.type, tensor.elements));
  }
  if (dataEnd > size) {
    throw new UserError(
      'gguf-truncated',
      `${name} is truncated: it has ${size} bytes but its tensors need ${dataEnd}. Download or copy it again.`,
    );
  }
  return { version, tensorCount, metadataCount, alignment, dataOffset, dataEnd };
}

async function skipValue(reader: BoundedReader, type: number, key: string): Promise<void> {
  if (type === stringType) return reader.skipString(`value of ${key}`);
  if (type === arrayType) {
    const itemType = await reader.u32();
    if (itemType === stringType) {
      const count = reader.count(await reader.u64(), 8, `item count of ${key}`);
      for (let item = 0; item < count; item++) await reader.skipString(`item ${item} of ${key}`);
      return;
    }
    const itemBytes = scalarBytes[itemType];
    // llama.cpp refuses arrays of arrays too.
    if (itemBytes === undefined) throw reader.damaged(`${key} is an array of unknown type ${itemType}`);
    const count = reader.count(await reader.u64(), itemBytes, `item count of ${key}`);
    return reader.skip(count * itemBytes);
  }
  const bytes = scalarBytes[type];
  if (bytes === undefined) throw reader.damaged(`${key} has unknown value type ${type}`);
  return reader.skip(bytes);
}

/** Reads forward through a file in windows of at most `windowBytes`, refusing to go past its end. */
class BoundedReader {
  position = 0;
  private window = Buffer.alloc(0);
  private windowStart = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
    private readonly name: string,
  ) {}

  get remaining(): number {
    return this.size - this.position;
  }

  damaged(detail: string): UserError {
    return new UserError(
      'gguf-damaged',
      `${this.name} has a damaged GGUF header (${detail}, at byte ${this.position}). Download or copy it again.`,
    );
  }

  /** A count read from the file, bounded by how many items of `minItemBytes` the rest could hold. */
  count(value: bigint, minItemBytes: number, what: string): number {
    if (value * BigInt(minItemBytes) > BigInt(this.remaining))
      throw this.damaged(`${what} ${value} does not fit in the ${this.remaining} bytes left`);
    return Number(value);
  }

  async peek(length: number): Promise<Buffer> {
    await this.fill(length);
    return this.window.subarray(this.position - this.windowStart, this.position - this.windowStart + length);
  }

  async u32(): Promise<number> {
    const value = (await this.take(4)).readUInt32LE(0);
    return value;
  }

  async u64(): Promise<bigint> {
    return (await this.take(8)).readBigUInt64LE(0);
  }

  async string(what: string, maxBytes: number): Promise<string> {
    const length = await this.stringLength(what, maxBytes);
    return (await this.take(length)).toString('utf8');
  }

  async skipString(what: string): Promise<void> {
    await this.skip(await this.stringLength(what, maxStringBytes));
  }

  async skip(length: number): Promise<void> {
    if (length > this.remaining) throw this.ended();
    this.position += length;
  }

  private async stringLength(what: string, maxBytes: number): Promise<number> {
    const length = await this.u64();
    if (length > BigInt(this.remaining))
      throw this.damaged(`${what} declares ${length} bytes but only ${this.remaining} are left`);
    if (length > BigInt(maxBytes))
      throw this.damaged(`${what} declares ${length} bytes, more than ${maxBytes}`);
    return Number(length);
  }

  private async take(length: number): Promise<Buffer> {
    if (length > this.remaining) throw this.ended();
    // Long strings (only keys and tensor names are read, at most 64 KiB) get a window of their own.
    await this.fill(length);
    const start = this.position - this.windowStart;
    this.position += length;
    return this.window.subarray(start, start + length);
  }

  private async fill(length: number): Promise<void> {
    const end = this.windowStart + this.window.length;
    if (this.position >= this.windowStart && this.position + length <= end) return;
    const want = Math.min(Math.max(length, windowBytes), this.remaining);
    const buffer = Buffer.alloc(want);
    let filled = 0;
    while (filled < want) {
      const { bytesRead } = await this.handle.read(buffer, filled, want - filled, this.position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    this.window = buffer.subarray(0, filled);
    this.windowStart = this.position;
    if (filled < length) throw this.ended();
  }

  private ended(): UserError {
    return new UserError(
      'gguf-truncated',
      `${this.name} is truncated: it ends inside the GGUF header. Download or copy it again.`,
    );
  }
}

export function looksLikeHtml(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString('utf8').trimStart().slice(0, 200).toLowerCase();
  return (
    text.startsWith('<!doctype html') ||
    text.startsWith('<html') ||
    text.startsWith('<?xml') ||
    text.startsWith('<head')
  );
}
