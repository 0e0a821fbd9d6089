import type { ParamsObject } from './bindings.js';

/**
 * Context and model settings of the FFI path, mirroring what node-llama-cpp 3.21.1 does for
 * `loadModel({gpuLayers})` + `createContext({sequences: 2, contextSize, threads})`, so both logits
 * sources compute the same numbers. (Read from node-llama-cpp's LlamaContext.js, AddonContext.cpp
 * and AddonModel.cpp; re-check on upgrade.)
 */

/** node-llama-cpp's `contextSizePad`: KV cells come in multiples of 256. */
const CONTEXT_SIZE_PAD = 256;
/** node-llama-cpp's `getDefaultContextBatchSize` cap. */
const MAX_DEFAULT_BATCH = 512;
const SEQUENCES = 2;
const GGML_TYPE_F16 = 1;
const LLAMA_LAZY_MODE_OFF = 0;
const LLAMA_LOAD_MODE_NONE = 0;
const LLAMA_LOAD_MODE_MMAP = 1;
const FLASH_ATTENTION = { auto: -1, false: 0, true: 1 } as const;

const padUp = (value: number) => Math.ceil(value / CONTEXT_SIZE_PAD) * CONTEXT_SIZE_PAD;

/**
 * Tokens per sequence, as `createContext({contextSize})` resolves a numeric size: padded up to a
 * multiple of 256 unless that would reach the model's training context.
 */
export function perSequenceContextSize(requested: number, trainContextSize: number): number {
  const padded = padUp(Math.max(2, requested));
  return requested <= trainContextSize && padded < trainContextSize ? padded : requested;
}

export type FfiContextSettings = {
  /** Tokens per sequence (after `perSequenceContextSize`). */
  contextSize: number;
  threads: number;
  flashAttention: 'auto' | boolean;
  /** Sliding-window models get one extra batch slot in node-llama-cpp. */
  slidingWindow: boolean;
};

/** The context parameters: the library's defaults with exactly the fields node-llama-cpp sets. */
export function contextParams(defaults: ParamsObject, settings: FfiContextSettings): ParamsObject {
  const batch =
    Math.max(Math.min(settings.contextSize * SEQUENCES, MAX_DEFAULT_BATCH), SEQUENCES) +
    (settings.slidingWindow ? 1 : 0);
  return {
    ...defaults,
    n_ctx: padUp(settings.contextSize * SEQUENCES),
    n_batch: batch,
    n_ubatch: batch,
    n_seq_max: SEQUENCES,
    n_threads: settings.threads,
    n_threads_batch: settings.threads,
    flash_attn_type: FLASH_ATTENTION[String(settings.flashAttention) as keyof typeof FLASH_ATTENTION],
    no_perf: true,
    swa_full: false,
    type_k: GGML_TYPE_F16,
    type_v: GGML_TYPE_F16,
  };
}

/** The model parameters: the library's defaults with what node-llama-cpp's AddonModel sets. */
export function modelParams(
  defaults: ParamsObject,
  settings: { gpuLayers: number; useMmap: boolean },
): ParamsObject {
  return {
    ...defaults,
    n_gpu_layers: settings.gpuLayers,
    vocab_only: false,
    check_tensors: false,
    lazy_mode: LLAMA_LAZY_MODE_OFF,
    load_mode: settings.useMmap ? LLAMA_LOAD_MODE_MMAP : LLAMA_LOAD_MODE_NONE,
  };
}
