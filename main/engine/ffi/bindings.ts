import type { LibraryHandle } from 'koffi';
import type { Koffi, LlamaStructTypes } from './koffiStructs.js';

/** A native pointer as koffi 3 returns it; `null` is the C null pointer. */
export type Pointer = bigint | null;

/** `struct llama_batch` as koffi decodes it (pointers to arrays that llama_batch_init allocated). */
export type LlamaBatch = {
  n_tokens: number;
  token: Pointer;
  embd: Pointer;
  pos: Pointer;
  n_seq_id: Pointer;
  seq_id: Pointer;
  logits: Pointer;
};

/** Parameter structs as plain objects keyed by C field name. */
export type ParamsObject = Record<string, number | boolean | bigint | null>;

/** The libllama functions the fast path calls. Names and signatures follow llama.h of the pinned release. */
export type LlamaBindings = {
  modelDefaultParams(): ParamsObject;
  contextDefaultParams(): ParamsObject;
  quantizeDefaultParams(): ParamsObject;
  /** Async (off the event loop): loading maps and may read a few GB. */
  modelLoadFromFile(path: string, params: ParamsObject): Promise<Pointer>;
  modelFree(model: bigint): void;
  modelGetVocab(model: bigint): Pointer;
  vocabNTokens(vocab: bigint): number;
  modelNCtxTrain(model: bigint): number;
  modelNSwa(model: bigint): number;
  /** Async: allocating the KV cache and reserving compute buffers takes a while on big contexts. */
  initFromModel(model: bigint, params: ParamsObject): Promise<Pointer>;
  free(context: bigint): void;
  nCtx(context: bigint): number;
  nCtxSeq(context: bigint): number;
  nSeqMax(context: bigint): number;
  nBatch(context: bigint): number;
  setNThreads(context: bigint, threads: number, threadsBatch: number): void;
  getMemory(context: bigint): Pointer;
  memoryClear(memory: bigint, data: boolean): void;
  memorySeqRm(memory: bigint, seq: number, p0: number, p1: number): boolean;
  memorySeqPosMax(memory: bigint, seq: number): number;
  batchInit(tokens: number, embd: number, seqMax: number): LlamaBatch;
  batchFree(batch: LlamaBatch): void;
  /** Runs on a libuv worker thread, so the event loop stays free during the forward pass. */
  decode(context: bigint, batch: LlamaBatch): Promise<number>;
  getLogitsIth(context: bigint, i: number): Pointer;
  /** Async: quantizing reads and writes the whole model. Returns 0 on success. */
  modelQuantize(input: string, output: string, params: ParamsObject): Promise<number>;
};

/** [property, symbol] pairs: the gate checks every symbol exists before anything is called. */
export const requiredSymbols = [
  'llama_model_default_params',
  'llama_context_default_params',
  'llama_model_quantize_default_params',
  'llama_model_load_from_file',
  'llama_model_free',
  'llama_model_get_vocab',
  'llama_vocab_n_tokens',
  'llama_model_n_ctx_train',
  'llama_model_n_swa',
  'llama_init_from_model',
  'llama_free',
  'llama_n_ctx',
  'llama_n_ctx_seq',
  'llama_n_seq_max',
  'llama_n_batch',
  'llama_set_n_threads',
  'llama_get_memory',
  'llama_memory_clear',
  'llama_memory_seq_rm',
  'llama_memory_seq_pos_max',
  'llama_batch_init',
  'llama_batch_free',
  'llama_decode',
  'llama_get_logits_ith',
  'llama_model_quantize',
] as const;

/** Symbols of `requiredSymbols` the library lacks (koffi resolves a symbol when a function is declared). */
export function missingSymbols(lib: LibraryHandle): string[] {
  return requiredSymbols.filter((symbol) => {
    try {
      lib.func(symbol, 'void', []);
      return false;
    } catch {
      return true;
    }
  });
}

/** Declares every function with the struct types built from (and checked against) the layout table. */
export function bindLlama(koffi: Koffi, lib: LibraryHandle, types: LlamaStructTypes): LlamaBindings {
  const { llama_model_params: modelParams, llama_context_params: contextParams, llama_batch: batch } = types;
  const quantizeParamsPointer = koffi.pointer(types.llama_model_quantize_params);
  const f = (name: string, result: unknown, args: unknown[]) =>
    lib.func(name, result as string, args as string[]);
  const later =
    <T>(fn: ReturnType<typeof f>) =>
    (...args: unknown[]): Promise<T> =>
      new Promise((resolve, reject) => {
        fn.async(...args, (error: unknown, result: T) => (error ? reject(error) : resolve(result)));
      });
  return {
    modelDefaultParams: f('llama_model_default_params', modelParams, []),
    contextDefaultParams: f('llama_context_default_params', contextParams, []),
    quantizeDefaultParams: f('llama_model_quantize_default_params', types.llama_model_quantize_params, []),
    modelLoadFromFile: later(f('llama_model_load_from_file', 'void *', ['const char *', modelParams])),
    modelFree: f('llama_model_free', 'void', ['void *']),
    modelGetVocab: f('llama_model_get_vocab', 'void *', ['void *']),
    vocabNTokens: f('llama_vocab_n_tokens', 'int32_t', ['void *']),
    modelNCtxTrain: f('llama_model_n_ctx_train', 'int32_t', ['void *']),
    modelNSwa: f('llama_model_n_swa', 'int32_t', ['void *']),
    initFromModel: later(f('llama_init_from_model', 'void *', ['void *', contextParams])),
    free: f('llama_free', 'void', ['void *']),
    nCtx: f('llama_n_ctx', 'uint32_t', ['void *']),
    nCtxSeq: f('llama_n_ctx_seq', 'uint32_t', ['void *']),
    nSeqMax: f('llama_n_seq_max', 'uint32_t', ['void *']),
    nBatch: f('llama_n_batch', 'uint32_t', ['void *']),
    setNThreads: f('llama_set_n_threads', 'void', ['void *', 'int32_t', 'int32_t']),
    getMemory: f('llama_get_memory', 'void *', ['void *']),
    memoryClear: f('llama_memory_clear', 'void', ['void *', 'bool']),
    memorySeqRm: f('llama_memory_seq_rm', 'bool', ['void *', 'int32_t', 'int32_t', 'int32_t']),
    memorySeqPosMax: f('llama_memory_seq_pos_max', 'int32_t', ['void *', 'int32_t']),
    batchInit: f('llama_batch_init', batch, ['int32_t', 'int32_t', 'int32_t']),
    batchFree: f('llama_batch_free', 'void', [batch]),
    decode: later(f('llama_decode', 'int32_t', ['void *', batch])),
    getLogitsIth: f('llama_get_logits_ith', 'void *', ['void *', 'int32_t']),
    modelQuantize: f('llama_model_quantize', 'uint32_t', [
      'const char *',
      'const char *',
      quantizeParamsPointer,
    ]),
  };
}
