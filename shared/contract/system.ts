import { z } from 'zod';
import type { ChatGeneration, SteeredSpan } from '../domain.js';
import type { CatalogFit, FitEstimate, HardwareInfo } from '../models.js';
import { COMPARE_MAX_TOKENS_MAX } from '../generationLimits.js';
import { LANGUAGE_SETTINGS, type LanguageSetting } from '../languages.js';
import { channel } from './channel.js';
import {
  alphaField,
  betaField,
  chatGenerationField,
  messageTextField,
  modelIdField,
  presetVersionIdField,
  samplingField,
} from './fields.js';

/** What the Settings page changes; stored in the data folder. */
export type Settings = {
  theme: 'light' | 'dark' | 'system';
  /** The interface language; 'system' follows the OS (in serve mode, each browser's own). */
  language: LanguageSetting;
  /** Base font size of the chat, in CSS pixels. */
  fontSize: number;
  /**
   * The app's defaults for every chat's replies (sampling, max tokens, stop texts); a chat's own
   * settings win. null = the built-in defaults.
   */
  generationDefaults: ChatGeneration | null;
  /** Decoding threads; null = chosen for this machine. Applies from the next model load. */
  threads: number | null;
  /** Desktop app: serve the OpenAI-compatible API on 127.0.0.1 (off by default). */
  apiEnabled: boolean;
  /** Its port (0 = any free port). */
  apiPort: number;
};

/** Settings plus what is shown but not changed there. */
export type SettingsView = Settings & {
  /** The data folder (database, models, settings); chosen when the app starts. */
  dataDir: string;
  /** Threads the engine uses now. */
  threadsInUse: number;
};

export const settingsPatchSchema = z.strictObject({
  theme: z
    .enum(['light', 'dark', 'system'], { error: "theme must be 'light', 'dark' or 'system'" })
    .optional(),
  language: z
    .enum(LANGUAGE_SETTINGS, { error: `language must be one of ${LANGUAGE_SETTINGS.join(', ')}` })
    .optional(),
  fontSize: z
    .int({ error: 'fontSize must be a whole number' })
    .min(10, { error: 'fontSize must be at least 10' })
    .max(32, { error: 'fontSize must be at most 32' })
    .optional(),
  generationDefaults: chatGenerationField.nullable().optional(),
  threads: z
    .int({ error: 'threads must be a whole number' })
    .min(1, { error: 'threads must be at least 1' })
    .max(256, { error: 'threads must be at most 256' })
    .nullable()
    .optional(),
  apiEnabled: z.boolean({ error: 'apiEnabled must be true or false' }).optional(),
  apiPort: z
    .int({ error: 'apiPort must be a whole number' })
    .min(0, { error: 'apiPort must be at least 0' })
    .max(65535, { error: 'apiPort must be at most 65535' })
    .optional(),
});

/** The About box. */
export type AppInfo = {
  appVersion: string;
  nodeVersion: string;
  /** Set in the Electron shell, null in serve mode. */
  electronVersion: string | null;
  /** The bundled node-llama-cpp version. */
  llamaVersion: string;
  /** 'electron' or 'serve'. */
  shell: string;
  /** The loaded model's logits source ('ffi' or 'api'), null with no model loaded. */
  logitsSource: string | null;
  logitsSourceReason: string | null;
  /** The GPU kind and device names, or null before hardware detection finished. */
  gpu: { kind: string; deviceNames: string[] } | null;
  dataDir: string;
  /** The folder with rose.log and its rotated copies (see `app:logs.openFolder`). */
  logDir: string;
};

/** The hardware page: this machine and which models fit at a context size. */
export type HardwareReportView = {
  hardware: HardwareInfo;
  contextSize: number;
  catalog: CatalogFit[];
  local: { modelId: string; displayName: string; fit?: FitEstimate; error?: string }[];
  recommended?: { catalogId: string; quantization: string; uri: string; reason: string };
};

const compareSide = z.strictObject({
  /** Shown above the column, e.g. "ROSE off" or "α 1". */
  label: z.string().max(60).optional(),
  alpha: alphaField.optional(),
  beta: betaField.optional(),
  roseEnabled: z.boolean().optional(),
});

/** One column of a comparison. */
export type CompareAnswer = {
  label: string;
  alpha: number;
  beta: number;
  roseEnabled: boolean;
  text: string;
  generated: number;
  steered: number;
  /** The tokens ROSE changed and what the safe run alone would have written there. */
  steering: SteeredSpan[];
  stopReason: string;
  logitsSource: string;
  timings: { prefillMs: number; decodeMs: number; firstTokenMs: number; tokensPerSecond: number };
};

/** Hardware, settings, the About box and the compare tool. */
export const systemChannels = {
  'app:hardware.get': channel<HardwareReportView>()(
    z.strictObject({ contextSize: z.int().min(256).max(1_048_576).optional() }).default({}),
  ),
  'app:settings.get': channel<SettingsView>()(z.strictObject({}).default({})),
  /** Change some settings; the others stay. */
  'app:settings.set': channel<SettingsView>()(settingsPatchSchema),
  'app:app.info': channel<AppInfo>()(z.strictObject({}).default({})),
  /**
   * The same prompt answered twice with different settings (e.g. ROSE off vs on, α 0 vs 1), one
   * after the other, stored nowhere. Streams `compare.delta` events tagged with `compareId`.
   */
  'app:compare.run': channel<{ compareId: string; answers: [CompareAnswer, CompareAnswer] }>()(
    z.strictObject({
      /** Chosen by the caller to match the `compare.delta` events; one is made when left out. */
      compareId: z.string().min(1).max(100).optional(),
      prompt: messageTextField,
      modelId: modelIdField.optional(),
      presetVersionId: presetVersionIdField.optional(),
      sampling: samplingField.optional(),
      maxTokens: z.int().min(1).max(COMPARE_MAX_TOKENS_MAX).optional(),
      sides: z.tuple([compareSide, compareSide], { error: 'sides must be a list of two settings' }),
    }),
  ),
};
