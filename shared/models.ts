import { z } from 'zod';

/** What the GGUF header says about a model, read without loading it. */
export type ModelMetadata = {
  ggufVersion: number;
  /** `general.architecture`, e.g. "llama", "qwen2". */
  architecture: string;
  /** `general.name`, when the file has one. */
  name?: string;
  parameters: number;
  /** The file type, e.g. "Q4_K_M", "F16". */
  quantization: string;
  /** The context length the model was trained for, in tokens. */
  contextLength: number;
  /** Transformer blocks in the file (the output layer not counted). */
  layers: number;
  hasChatTemplate: boolean;
};

/**
 * How the file came to be in the list: downloaded or copied into the models folder (Rose may
 * delete it on remove), or referenced where it lies (Rose never deletes it).
 */
export type ModelStorage = 'downloaded' | 'copied' | 'referenced';

/** A model file Rose knows about and has checked: complete, hash known, header readable. */
export type LocalModel = {
  id: string;
  /** A name for people: `general.name`, else the file name. */
  displayName: string;
  path: string;
  storage: ModelStorage;
  sizeBytes: number;
  sha256: string;
  /** `verified`: matched a published hash; `computed`: hashed on arrival, nothing to compare with. */
  sha256Source: 'verified' | 'computed';
  /** The URI it was downloaded from. */
  sourceUri?: string;
  /** ISO date. */
  addedAt: string;
  metadata: ModelMetadata;
  /** Set by `list` when the file is no longer where it was registered (a moved or deleted reference). */
  missing?: boolean;
};

/** Events of one download, in order: started, (progress | retrying | paused | resumed)*, verifying, then one of completed / failed / cancelled. */
export type DownloadEvent =
  | {
      type: 'started';
      downloadId: string;
      uri: string;
      fileName: string;
      totalBytes: number;
      /** Bytes already on disk from an earlier, interrupted run. */
      resumedFromBytes: number;
      /** Parallel connections in use (1 when the server refuses ranges). */
      connections: number;
    }
  | {
      type: 'progress';
      downloadId: string;
      downloadedBytes: number;
      totalBytes: number;
      bytesPerSecond: number;
      /** null while the speed is unknown. */
      etaSeconds: number | null;
    }
  | { type: 'retrying'; downloadId: string; attempt: number; maxAttempts: number; reason: string }
  | { type: 'paused'; downloadId: string }
  | { type: 'resumed'; downloadId: string }
  | { type: 'verifying'; downloadId: string }
  | { type: 'completed'; downloadId: string; model: LocalModel }
  | { type: 'failed'; downloadId: string; code: string; message: string }
  | { type: 'cancelled'; downloadId: string; partialKept: boolean };

export type GpuKind = 'cuda' | 'vulkan' | 'metal' | 'none';

/** What this machine offers for running models. */
export type HardwareInfo = {
  gpu: {
    kind: GpuKind;
    deviceNames: string[];
    vramTotalBytes: number;
    vramFreeBytes: number;
    /** GPU backends the bundled llama.cpp could use on this platform. */
    backendsAvailable: string[];
  };
  cpu: { model: string; cores: number };
  ram: { totalBytes: number; freeBytes: number };
};

/**
 * Where a model would run at a given context size: entirely on the GPU, split (some layers on
 * the GPU), on the CPU, or nowhere (not enough memory).
 */
export type FitVerdict = 'gpu' | 'partial' | 'cpu' | 'none';

/** Memory a model needs at one context size with ROSE's two sequences, and where it fits. */
export type FitEstimate = {
  verdict: FitVerdict;
  /** Layers to offload to the GPU (0 on CPU only; `totalLayers` when it fits entirely). */
  gpuLayers: number;
  totalLayers: number;
  /** Tokens per sequence. */
  contextSize: number;
  /** Always 2 for ROSE: the safe run and the reverse run. */
  sequences: number;
  /** The weights. */
  modelBytes: number;
  /** KV cache plus compute buffers for all sequences. */
  contextBytes: number;
  /** The same with one sequence, as a plain chat app would use: the difference is ROSE's reverse run. */
  contextBytesSingleSequence: number;
  /** What would sit in RAM and in VRAM with `gpuLayers` offloaded. */
  ramBytes: number;
  vramBytes: number;
  /** `gguf`: node-llama-cpp's insights over the real file; `formula`: catalog numbers (see docs/models-and-hardware.md). */
  method: 'gguf' | 'formula';
};

/** A catalog entry's fit, one per quantization offered. */
export type CatalogFit = { catalogId: string; quantization: string; uri: string; fit: FitEstimate };

export const downloadRequestSchema = z.strictObject({
  uri: z.string().min(1),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .optional(),
});
export type DownloadRequest = z.infer<typeof downloadRequestSchema>;

export const importRequestSchema = z.strictObject({
  path: z.string().min(1),
  copy: z.boolean().default(false),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;
