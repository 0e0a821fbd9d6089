import type { SteeredSpan } from '../../shared/domain.js';
import type { DecodeSchedule, ScheduleChoice } from './ffi/decodeSchedule.js';
import type { LogitsSourceKind } from './logitsSource.js';

/** One turn of the conversation as the engine sees it (system prompts come from the preset). */
export type ChatTurn = { role: 'user' | 'assistant'; text: string };

/** The ROSE settings that shape a reply: a preset version's prompts plus its weights. */
export type RoseSettings = {
  safePrompt: string;
  reversePrompt: string;
  /** Weight of the reverse run's scores; 0 = no contrast (but the reverse run is still evaluated). */
  alpha: number;
  /** Adaptive plausibility cut-off; 0 = the paper's exact rule. */
  beta: number;
  /** false = "ROSE off": plain decoding with the safe prompt only (the paper's baseline). */
  enabled: boolean;
};

export type SamplingSettings = {
  /** 0 = greedy. */
  temperature: number;
  /** 0 = no top-k cut. */
  topK: number;
  /** 1 = no nucleus cut. */
  topP: number;
  seed: number;
};

export type GenerateRequest = {
  turns: ChatTurn[];
  rose: RoseSettings;
  sampling: SamplingSettings;
  maxTokens: number;
  /** With β > 0, skip the reverse run on steps with a single plausible token (default true). */
  lazyReverse?: boolean;
  /** Extra texts that end the reply (the template's own end markers always apply). */
  stopTexts?: string[];
  /** Benchmarks only: keep going past end-of-generation tokens and stop triggers. */
  ignoreStop?: boolean;
  /**
   * Speculative reverse verification (exact; needs a source that reads every position, the FFI
   * one). Off by default; see speculative.ts.
   */
  speculative?: boolean;
};

export type StopReason = 'eog' | 'stop-trigger' | 'max-tokens' | 'context-full';

export type GenerationStats = {
  text: string;
  tokens: number[];
  generated: number;
  /** Tokens where ROSE picked something other than the safe run alone would have. */
  steered: number;
  /** Where each steered token sits in `text`, and what the safe run alone would have written. */
  steering: SteeredSpan[];
  logitsSource: LogitsSourceKind;
  /** Steps on which the reverse run was skipped (lazy reverse, β > 0). */
  reverseSkipped: number;
  /** Prompt length of the safe run, and how much of it was already in the KV cache. */
  promptTokens: number;
  cachedPromptTokens: number;
  /** Tokens per sequence the context holds. */
  contextSize: number;
  /** The conversation outgrew the context: this many oldest turns were left out (both runs alike). */
  droppedTurns: number;
  /** Even the latest message was too long and its beginning was left out. */
  shortenedLastTurn: boolean;
  /** Speculative verification: tokens the safe run drafted, and how many ROSE kept. */
  speculation: { drafted: number; kept: number } | null;
  stopReason: StopReason | 'aborted';
  timings: { prefillMs: number; decodeMs: number; firstTokenMs: number; tokensPerSecond: number };
};

/** What a generation streams, in order: started, delta*, then exactly one of done / aborted / error. */
export type EngineEvent =
  | { type: 'started'; generationId: string; logitsSource: LogitsSourceKind; promptTokens: number }
  | { type: 'delta'; generationId: string; seq: number; text: string }
  | { type: 'done'; generationId: string; stats: GenerationStats }
  | { type: 'aborted'; generationId: string; stats: GenerationStats }
  | { type: 'error'; generationId: string; code: string; message: string };

export type LoadedModelInfo = {
  path: string;
  name: string;
  architecture: string;
  vocabSize: number;
  contextSize: number;
  trainContextSize: number;
  hasChatTemplate: boolean;
  logitsSource: LogitsSourceKind;
  /** Why this source was chosen (the fast path's gate verdict, or ROSE_LOGITS). */
  logitsSourceReason: string;
  /** FFI source: how each two-sequence step is decoded, and the timings behind that choice. */
  decodeSchedule: ScheduleChoice | null;
  threads: number;
  loadMs: number;
};

export type LoadModelOptions = {
  path: string;
  threads: number;
  /** Tokens per sequence; defaults to min(model's training context, 4096). */
  contextSize?: number;
  gpuLayers?: number | 'auto';
  /** FFI source: force a decode schedule (benchmarks, tests); default measured and cached. */
  schedule?: 'auto' | DecodeSchedule;
};
