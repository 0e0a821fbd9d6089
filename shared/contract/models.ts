import { z } from 'zod';
import { CONTEXT_SIZE_MAX, CONTEXT_SIZE_MIN, GPU_LAYERS_MAX } from '../generationLimits.js';
import type { CatalogEntry } from '../catalog.js';
import { downloadRequestSchema, type FitVerdict, type LocalModel } from '../models.js';
import { channel } from './channel.js';
import { modelIdField } from './fields.js';

/** The model the decoding engine holds. */
export type LoadedModel = {
  /** Its id in the models list; null when it was loaded from a path that is not registered. */
  modelId: string | null;
  path: string;
  name: string;
  architecture: string;
  contextSize: number;
  trainContextSize: number;
  hasChatTemplate: boolean;
  /** Where next-token scores come from: 'ffi' (fast path) or 'api' (node-llama-cpp). */
  logitsSource: string;
  /** Why that source was chosen. */
  logitsSourceReason: string;
  threads: number;
  loadMs: number;
  /** How the context size was chosen from the fit estimate; null when no estimate could be made. */
  autoFit: LoadFit | null;
};

/**
 * The context size a load chose: the largest of 4096, 2048, 1024, 512 tokens per sequence (capped
 * at the model's training context) that the fit estimate says fits with ROSE's two sequences.
 * GPU layers are fitted by node-llama-cpp at load time; `estimatedGpuLayers` is the estimate's figure.
 */
export type LoadFit = {
  contextSize: number;
  verdict: FitVerdict;
  estimatedGpuLayers: number;
  totalLayers: number;
  /** The sizes tried, largest first, with the verdict of each. */
  tried: { contextSize: number; verdict: FitVerdict }[];
  /** One line for people, e.g. "4096 tokens fit on the CPU with two sequences". */
  reason: string;
};

/** A download that was started and has not finished, possibly from before a restart. */
export type PendingDownloadView = {
  uri: string;
  fileName: string;
  startedAt: string;
  /** Running now in this app (its progress arrives as `download` events). */
  active: boolean;
  /** The running download's id, for pause, resume and cancel. */
  downloadId: string | null;
};

const downloadRef = z.strictObject({
  downloadId: z
    .string({ error: 'downloadId must be text' })
    .min(1, { error: 'downloadId must not be empty' })
    .max(100, { error: 'downloadId is too long' }),
});

const modelRef = z.strictObject({ modelId: modelIdField });

/** A load with the person's own context size and GPU layers (else chosen from the fit estimate). */
const loadRequest = modelRef.extend({
  contextSize: z
    .int({ error: 'the context size must be a whole number of tokens' })
    .min(CONTEXT_SIZE_MIN, { error: `the context size must be at least ${CONTEXT_SIZE_MIN} tokens` })
    .max(CONTEXT_SIZE_MAX, { error: `the context size must be at most ${CONTEXT_SIZE_MAX} tokens` })
    .optional(),
  gpuLayers: z
    .int({ error: 'GPU layers must be a whole number' })
    .min(0)
    .max(GPU_LAYERS_MAX, { error: `GPU layers must be at most ${GPU_LAYERS_MAX}` })
    .optional(),
});

/** The model library, downloads and the loaded model. */
export const modelChannels = {
  /** Registered models; `missing` marks one whose file has gone. */
  'app:models.list': channel<LocalModel[]>()(z.strictObject({}).default({})),
  /** The curated catalog of downloadable models. */
  'app:models.catalog': channel<CatalogEntry[]>()(z.strictObject({}).default({})),
  /** Add a GGUF file from disk, by reference or copied into the models folder. */
  'app:models.import': channel<LocalModel>()(
    z.strictObject({
      path: z
        .string({ error: 'the path must be text' })
        .min(1, { error: 'the path must not be empty' })
        .max(4096, { error: 'the path is too long' }),
      copy: z.boolean({ error: 'copy must be true or false' }).optional(),
    }),
  ),
  /** Unlist a model; its file is deleted only when Rose downloaded or copied it. */
  'app:models.remove': channel<LocalModel>()(modelRef),
  /** Load a registered model into the engine (progress as `model.loading` events). */
  'app:models.load': channel<LoadedModel>()(loadRequest),
  /** The loaded model, or null. */
  'app:models.current': channel<LoadedModel | null>()(z.strictObject({}).default({})),
  /** Start (or resume) a download: a catalog id, `id:QUANT`, an hf: URI or an https URL. Progress as `download` events. */
  'app:models.download': channel<{ downloadId: string; uri: string }>()(downloadRequestSchema),
  /** Stop a running download; `keepPartial` lets a later download resume it. */
  'app:models.cancelDownload': channel<{ cancelled: true }>()(
    z.strictObject({
      downloadId: z.string().min(1).max(100),
      keepPartial: z.boolean().optional(),
    }),
  ),
  /** Hold a running download (its connections close; data so far is kept). */
  'app:models.pauseDownload': channel<{ paused: true }>()(downloadRef),
  /** Continue a paused download. */
  'app:models.resumeDownload': channel<{ resumed: true }>()(downloadRef),
  /** Downloads started and not finished; an inactive one resumes when downloaded again by its URI. */
  'app:models.downloads': channel<PendingDownloadView[]>()(z.strictObject({}).default({})),
};
