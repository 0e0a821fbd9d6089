import type { LogitsSource, SequenceIndex } from '../logitsSource.js';
import type { LlamaBindings } from './bindings.js';
import { contextParams, modelParams, perSequenceContextSize } from './contextSettings.js';
import { type BatchToken, FfiBatch } from './ffiBatch.js';
import type { TypeObject } from 'koffi';
import type { Koffi } from './koffiStructs.js';
import type { LayoutTable } from './layoutTable.js';

/** What a passed gate hands over: koffi bound to the library node-llama-cpp loaded. */
export type FfiRuntime = {
  koffi: Koffi;
  bindings: LlamaBindings;
  libraryPath: string;
  table: LayoutTable;
};

export type FfiLogitsSourceOptions = {
  modelPath: string;
  threads: number;
  /** Tokens per sequence, as for the API path; padded the way node-llama-cpp pads it. */
  contextSize: number;
  /** Layers to offload; resolve 'auto' first (see `resolveGpuLayers`). -1 = all. */
  gpuLayers: number;
  /** Must match the API path; node-llama-cpp's default is 'auto'. */
  flashAttention?: 'auto' | boolean;
  useMmap?: boolean;
  /**
   * Return copies instead of views over llama.cpp's logits buffer. Forced under Electron, which
   * forbids external buffers.
   */
  copyLogits?: boolean;
};

/**
 * How a step of both sequences is decoded: one `llama_decode` carrying both tokens, or two
 * decodes of one token each. Which is cheaper depends on the CPU (or GPU) and the model's types;
 * see `decodeSchedule.ts`.
 */
export type DecodeSchedule = 'batch' | 'split';

/** The FFI source plus what it knows about the loaded model. */
export type FfiLogitsSource = LogitsSource & {
  readonly kind: 'ffi';
  readonly trainContextSize: number;
  /** Whether `sync`/`step` results are zero-copy views (valid only until the next call). */
  readonly logitsAreViews: boolean;
  /** How two-sequence steps are decoded (default `batch`). */
  schedule: DecodeSchedule;
};

const FLOAT_BYTES = 4;

/**
 * Raw next-token logits straight from libllama: one model and one context with two sequences,
 * each step one `llama_decode` carrying one token per listed sequence, run off the event loop.
 *
 * Returned arrays are views over llama.cpp's own output buffer unless `copyLogits` is set (or under
 * Electron): they hold the right values until the next `sync`, `step`, `reset` or `dispose` call on
 * this source, so copy what must outlive that. Calls are serialized; do not overlap them anyway.
 */
export async function createFfiLogitsSource(
  runtime: FfiRuntime,
  options: FfiLogitsSourceOptions,
): Promise<FfiLogitsSource> {
  const { koffi, bindings: llama } = runtime;
  const model = await llama.modelLoadFromFile(
    options.modelPath,
    modelParams(llama.modelDefaultParams(), {
      gpuLayers: options.gpuLayers,
      useMmap: options.useMmap ?? true,
    }),
  );
  if (model === null) throw new Error(`llama.cpp could not load ${options.modelPath} through the FFI`);
  let context: bigint | null = null;
  try {
    const trainContextSize = llama.modelNCtxTrain(model);
    const contextSize = perSequenceContextSize(options.contextSize, trainContextSize);
    const params = contextParams(llama.contextDefaultParams(), {
      contextSize,
      threads: options.threads,
      flashAttention: options.flashAttention ?? 'auto',
      slidingWindow: llama.modelNSwa(model) > 0,
    });
    context = await llama.initFromModel(model, params);
    if (context === null) throw new Error('llama.cpp could not create a context through the FFI');
    const vocab = llama.modelGetVocab(model);
    if (vocab === null) throw new Error('the model has no vocabulary');
    const copy = options.copyLogits === true || process.versions.electron !== undefined;
    return new Source(koffi, llama, model, context, {
      vocabSize: llama.vocabNTokens(vocab),
      contextSize,
      trainContextSize,
      batchCapacity: llama.nBatch(context),
      copy,
    });
  } catch (error) {
    if (context !== null) llama.free(context);
    llama.modelFree(model);
    throw error;
  }
}

class Source implements FfiLogitsSource {
  readonly kind = 'ffi' as const;
  readonly vocabSize: number;
  readonly contextSize: number;
  readonly trainContextSize: number;
  readonly logitsAreViews: boolean;
  schedule: DecodeSchedule = 'batch';
  private readonly memory: bigint;
  private readonly batch: FfiBatch;
  private readonly cached: [number[], number[]] = [[], []];
  private readonly copyType: TypeObject;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly koffi: Koffi,
    private readonly llama: LlamaBindings,
    private readonly model: bigint,
    private readonly context: bigint,
    info: {
      vocabSize: number;
      contextSize: number;
      trainContextSize: number;
      batchCapacity: number;
      copy: boolean;
    },
  ) {
    this.vocabSize = info.vocabSize;
    this.contextSize = info.contextSize;
    this.trainContextSize = info.trainContextSize;
    this.logitsAreViews = !info.copy;
    this.copyType = koffi.array('float', info.vocabSize, 'Typed');
    const memory = llama.getMemory(context);
    if (memory === null) throw new Error('the context has no memory (KV cache)');
    this.memory = memory;
    this.batch = new FfiBatch(koffi, llama, info.batchCapacity);
  }

  sync(
    sequences: ReadonlyArray<{ index: SequenceIndex; tokens: readonly number[] }>,
  ): Promise<Float32Array[]> {
    return this.serialized(async () => {
      if (new Set(sequences.map((s) => s.index)).size !== sequences.length)
        throw new RangeError('a sequence is listed twice');
      const work: BatchToken[] = [];
      for (const { index, tokens } of sequences) {
        if (tokens.length === 0) throw new RangeError('cannot evaluate an empty prompt');
        this.checkFits(tokens.length);
        const cached = this.cached[index];
        // Keep the common prefix, but always evaluate the last token: its logits are the result.
        let keep = 0;
        while (keep < cached.length && keep < tokens.length - 1 && cached[keep] === tokens[keep]) keep++;
        if (keep < cached.length) this.forget(index, keep);
        for (let position = keep; position < tokens.length; position++) {
          work.push({
            token: tokens[position] as number,
            position,
            sequence: index,
            wantLogits: position === tokens.length - 1,
          });
        }
      }
      return this.evaluate(
        work,
        sequences.map(({ index, tokens }) => ({ index, appended: tokens.slice(this.cached[index].length) })),
      );
    });
  }

  step(sequences: ReadonlyArray<{ index: SequenceIndex; token: number }>): Promise<Float32Array[]> {
    return this.serialized(async () => {
      if (new Set(sequences.map((s) => s.index)).size !== sequences.length)
        throw new RangeError('a sequence is listed twice');
      const work = sequences.map(({ index, token }): BatchToken => {
        this.checkFits(this.cached[index].length + 1);
        return { token, position: this.cached[index].length, sequence: index, wantLogits: true };
      });
      const appends = sequences.map(({ index, token }) => ({ index, appended: [token] }));
      if (this.schedule === 'batch' || work.length === 1) return this.evaluate(work, appends);
      // Split: one decode per sequence. Every result but the last is copied, since the next
      // decode reuses llama.cpp's output buffer.
      const results: Float32Array[] = [];
      for (const [i, item] of work.entries()) {
        const last = i === work.length - 1;
        const [scores] = await this.evaluate([item], [appends[i]!], !last);
        results.push(scores as Float32Array);
      }
      return results;
    });
  }

  extend(index: SequenceIndex, tokens: readonly number[]): Promise<Float32Array[]> {
    return this.serialized(async () => {
      if (tokens.length === 0) return [];
      this.checkFits(this.cached[index].length + tokens.length);
      const start = this.cached[index].length;
      const results: Float32Array[] = [];
      for (let from = 0; from < tokens.length; from += this.batch.capacity) {
        const chunk = tokens.slice(from, from + this.batch.capacity).map(
          (token, i): BatchToken => ({
            token,
            position: start + from + i,
            sequence: index,
            wantLogits: true,
          }),
        );
        const status = await this.llama.decode(this.context, this.batch.fill(chunk));
        if (status !== 0) {
          this.resyncAfterFailure([{ index, appended: tokens.slice(0, from) }]);
          throw new Error(`llama_decode failed with status ${status}`);
        }
        // Every position's scores are kept, so all are copies.
        for (let i = 0; i < chunk.length; i++) results.push(this.readLogits(i, true));
        this.cached[index].push(...tokens.slice(from, from + chunk.length));
      }
      return results;
    });
  }

  cachedTokens(index: SequenceIndex): readonly number[] {
    return this.cached[index];
  }

  reset(): Promise<void> {
    return this.serialized(async () => {
      this.forget(0, 0);
      this.forget(1, 0);
    });
  }

  dispose(): Promise<void> {
    return this.serialized(async () => {
      if (this.disposed) return;
      this.disposed = true;
      this.batch.free();
      this.llama.free(this.context);
      this.llama.modelFree(this.model);
    }, true);
  }

  /**
   * Decodes `work` in chunks of the batch capacity. A sequence's logits are read right after the
   * decode that produced them (the next decode overwrites the buffer); only the last chunk's may be
   * returned as views.
   */
  private async evaluate(
    work: BatchToken[],
    appends: ReadonlyArray<{ index: SequenceIndex; appended: readonly number[] }>,
    copyAll = false,
  ): Promise<Float32Array[]> {
    const results = new Map<number, Float32Array>();
    for (let start = 0; start < work.length; start += this.batch.capacity) {
      const chunk = work.slice(start, start + this.batch.capacity);
      const isLast = start + this.batch.capacity >= work.length;
      const status = await this.llama.decode(this.context, this.batch.fill(chunk));
      if (status !== 0) {
        this.resyncAfterFailure(appends);
        throw new Error(
          `llama_decode failed with status ${status}${status === 1 ? ' (no room in the KV cache)' : ''}`,
        );
      }
      chunk.forEach((item, i) => {
        if (item.wantLogits) results.set(item.sequence, this.readLogits(i, copyAll || !isLast));
      });
    }
    for (const { index, appended } of appends) this.cached[index].push(...appended);
    return appends.map(({ index }) => results.get(index) as Float32Array);
  }

  private readLogits(batchIndex: number, mustCopy: boolean): Float32Array {
    const pointer = this.llama.getLogitsIth(this.context, batchIndex);
    if (pointer === null) throw new Error(`llama.cpp returned no logits for batch entry ${batchIndex}`);
    if (mustCopy || !this.logitsAreViews) return this.koffi.decode(pointer, this.copyType) as Float32Array;
    return new Float32Array(this.koffi.view(pointer, this.vocabSize * FLOAT_BYTES));
  }

  /** Drops positions from `from` on, in the KV cache and in the bookkeeping. */
  private forget(index: SequenceIndex, from: number): void {
    if (!this.llama.memorySeqRm(this.memory, index, from, -1)) {
      throw new Error(`llama.cpp refused to remove positions ${from}.. of sequence ${index}`);
    }
    this.cached[index].length = from;
  }

  /** After a failed decode, trust the cache itself for what each sequence still holds. */
  private resyncAfterFailure(
    appends: ReadonlyArray<{ index: SequenceIndex; appended: readonly number[] }>,
  ): void {
    for (const { index } of appends) {
      const kept = Math.min(this.llama.memorySeqPosMax(this.memory, index) + 1, this.cached[index].length);
      this.forget(index, Math.max(kept, 0));
    }
  }

  private checkFits(tokens: number): void {
    if (tokens > this.contextSize) {
      throw new RangeError(
        `${tokens} tokens do not fit the context of ${this.contextSize} tokens per sequence`,
      );
    }
  }

  private serialized<T>(task: () => Promise<T>, allowAfterDispose = false): Promise<T> {
    const run = async () => {
      if (this.disposed && !allowAfterDispose) throw new Error('the FFI logits source was disposed');
      return task();
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
