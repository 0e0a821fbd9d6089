import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { ByteBuilder } from './byteBuilder.js';
import { float32ToFloat16 } from './weights.js';

/**
 * A generic GGUF v3 serializer. The header is built in memory; tensor data is produced chunk by
 * chunk and streamed to disk, so a 400 MB model never sits in memory whole.
 */

/** A single GGUF metadata value. */
export type GgufScalar =
  | { type: 'u32'; value: number }
  | { type: 'i32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'u64'; value: number | bigint }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string };

/** A GGUF metadata array; all items share one type. */
export type GgufArray =
  | { type: 'array'; itemType: 'string'; value: readonly string[] }
  | { type: 'array'; itemType: 'u32' | 'i32' | 'f32'; value: ArrayLike<number> };

export type GgufMetadataValue = GgufScalar | GgufArray;

/** Metadata in the order it is written (object key order). */
export type GgufMetadata = Record<string, GgufMetadataValue>;

/** Storage type of a tensor; values are always produced as float32 and converted on the way out. */
export type GgufTensorType = 'f32' | 'f16';

/** A tensor whose data is generated while it is written. */
export type GgufTensor = {
  name: string;
  /** Dimensions, innermost (fastest-varying) first, as GGUF stores them. */
  dims: readonly number[];
  type: GgufTensorType;
  /** Called with consecutive chunks that together cover the tensor in order; must fill each whole. */
  fill(chunk: Float32Array): void;
};

/** What was written. */
export type GgufWriteResult = { bytes: number; tensorDataOffset: number };

const GGUF_VERSION = 3;
const DEFAULT_ALIGNMENT = 32;
const CHUNK_ELEMENTS = 1 << 20;

const valueTypeCodes = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9, u64: 10 } as const;
const tensorTypeCodes: Record<GgufTensorType, number> = { f32: 0, f16: 1 };
const bytesPerElement: Record<GgufTensorType, number> = { f32: 4, f16: 2 };

/**
 * Writes a GGUF file. The file appears at `path` only when complete (it is written under a
 * temporary name and renamed), so a reader never sees half a model and a failed write leaves any
 * previous file untouched. The data alignment is `general.alignment` when the metadata sets it.
 */
export async function writeGguf(
  path: string,
  metadata: GgufMetadata,
  tensors: readonly GgufTensor[],
): Promise<GgufWriteResult> {
  const alignment = alignmentOf(metadata);
  const { header, dataSizes } = buildHeader(metadata, tensors, alignment);
  const temporaryPath = `${path}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  const handle = await open(temporaryPath, 'w');
  try {
    const sink = new FileSink(handle);
    await sink.write(header);
    for (const [index, tensor] of tensors.entries()) {
      await streamTensor(sink, tensor);
      await sink.write(new Uint8Array(paddingFor(dataSizes[index]!, alignment)));
    }
    await sink.flush();
    await handle.close();
    await rename(temporaryPath, path);
    return { bytes: sink.position, tensorDataOffset: header.length };
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

function alignmentOf(metadata: GgufMetadata): number {
  const entry = metadata['general.alignment'];
  if (entry === undefined) return DEFAULT_ALIGNMENT;
  if (entry.type !== 'u32' || entry.value <= 0 || entry.value % 8 !== 0) {
    throw new RangeError('general.alignment must be a u32 multiple of 8');
  }
  return entry.value;
}

function paddingFor(size: number, alignment: number): number {
  return (alignment - (size % alignment)) % alignment;
}

function elementCount(tensor: GgufTensor): number {
  if (tensor.dims.length === 0 || tensor.dims.some((dim) => !Number.isSafeInteger(dim) || dim <= 0)) {
    throw new RangeError(`tensor ${tensor.name} has invalid dimensions [${tensor.dims.join(', ')}]`);
  }
  return tensor.dims.reduce((product, dim) => product * dim, 1);
}

function buildHeader(
  metadata: GgufMetadata,
  tensors: readonly GgufTensor[],
  alignment: number,
): { header: Uint8Array; dataSizes: number[] } {
  const out = new ByteBuilder();
  out.raw(new TextEncoder().encode('GGUF'));
  out.u32(GGUF_VERSION);
  out.u64(tensors.length);
  const entries = Object.entries(metadata);
  out.u64(entries.length);
  for (const [key, value] of entries) {
    out.string(key);
    writeValue(out, value);
  }
  const dataSizes: number[] = [];
  let offset = 0;
  for (const tensor of tensors) {
    const size = elementCount(tensor) * bytesPerElement[tensor.type];
    out.string(tensor.name);
    out.u32(tensor.dims.length);
    for (const dim of tensor.dims) out.u64(dim);
    out.u32(tensorTypeCodes[tensor.type]);
    out.u64(offset);
    dataSizes.push(size);
    offset += size + paddingFor(size, alignment);
  }
  out.padTo(alignment);
  return { header: out.toUint8Array(), dataSizes };
}

function writeValue(out: ByteBuilder, value: GgufMetadataValue): void {
  out.u32(valueTypeCodes[value.type]);
  switch (value.type) {
    case 'u32':
      out.u32(value.value);
      return;
    case 'i32':
      out.i32(value.value);
      return;
    case 'f32':
      out.f32(value.value);
      return;
    case 'u64':
      out.u64(value.value);
      return;
    case 'bool':
      out.bool(value.value);
      return;
    case 'string':
      out.string(value.value);
      return;
    case 'array':
      out.u32(valueTypeCodes[value.itemType]);
      out.u64(value.value.length);
      if (value.itemType === 'string') {
        for (const item of value.value) out.string(item);
      } else {
        const write = value.itemType === 'f32' ? out.f32 : value.itemType === 'i32' ? out.i32 : out.u32;
        for (let index = 0; index < value.value.length; index++) write.call(out, value.value[index]!);
      }
  }
}

/**
 * Generates a tensor chunk by chunk into two alternating buffers, so the next chunk is computed
 * while the previous one is being written.
 */
async function streamTensor(sink: FileSink, tensor: GgufTensor): Promise<void> {
  const total = elementCount(tensor);
  for (let start = 0; start < total; start += CHUNK_ELEMENTS) {
    const count = Math.min(CHUNK_ELEMENTS, total - start);
    const buffers = sink.nextBuffers();
    const values = buffers.floats.subarray(0, count);
    tensor.fill(values);
    if (tensor.type === 'f32') {
      await sink.writeOwned(new Uint8Array(values.buffer, 0, count * 4));
    } else {
      float32ToFloat16(values, buffers.halves);
      await sink.writeOwned(new Uint8Array(buffers.halves.buffer, 0, count * 2));
    }
  }
}

/** Sequential writer with one write in flight at a time and a pair of reusable chunk buffers. */
class FileSink {
  position = 0;
  private pending: Promise<void> = Promise.resolve();
  private turn = 0;
  private readonly floats = [new Float32Array(CHUNK_ELEMENTS), new Float32Array(CHUNK_ELEMENTS)];
  private readonly halves = [new Uint16Array(CHUNK_ELEMENTS), new Uint16Array(CHUNK_ELEMENTS)];

  constructor(private readonly handle: FileHandle) {}

  /** The buffer pair not used by the write that may still be in flight. */
  nextBuffers(): { floats: Float32Array; halves: Uint16Array } {
    this.turn ^= 1;
    return { floats: this.floats[this.turn]!, halves: this.halves[this.turn]! };
  }

  /** Queues bytes that live in a chunk buffer; returns once the previous write has finished. */
  async writeOwned(bytes: Uint8Array): Promise<void> {
    await this.pending;
    const position = this.position;
    this.position += bytes.length;
    this.pending = this.writeFully(bytes, position);
    // A failure is reported by the next await of `pending`, not as an unhandled rejection meanwhile.
    this.pending.catch(() => {});
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (bytes.length > 0) await this.writeOwned(bytes);
  }

  async flush(): Promise<void> {
    await this.pending;
  }

  private async writeFully(bytes: Uint8Array, position: number): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, position + done);
      done += bytesWritten;
    }
  }
}
