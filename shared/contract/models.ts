import { z } from 'zod';
import type { CatalogEntry } from '../catalog.js';
import { downloadRequestSchema, type LocalModel } from '../models.js';
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
};

const modelRef = z.strictObject({ modelId: modelIdField });

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
  'app:models.load': channel<LoadedModel>()(modelRef),
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
};
