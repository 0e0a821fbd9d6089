import type { EngineEvent, GenerateRequest, LoadedModelInfo, LoadModelOptions } from '../types.js';
import type { WireError } from '../wireError.js';

/** Messages from the engine host to the decoding worker. `id` pairs a request with its replies. */
export type HostMessage =
  | { type: 'load'; id: number; options: LoadModelOptions }
  | { type: 'generate'; id: number; generationId: string; request: GenerateRequest }
  | { type: 'abort'; generationId: string }
  | { type: 'unload'; id: number }
  /**
   * Diagnostics and tests: end the worker thread at the next point where no native call is in
   * flight, exactly as a crashing worker would look to the host. (Ending a thread while llama.cpp
   * works for it would abort the whole process, so a real kill is never sent mid-step.)
   */
  | { type: 'exit' };

/** Messages from the decoding worker to the host. */
export type WorkerMessage =
  | { type: 'load-progress'; id: number; fraction: number }
  | { type: 'loaded'; id: number; info: LoadedModelInfo }
  | { type: 'unloaded'; id: number }
  | { type: 'event'; id: number; event: EngineEvent }
  | { type: 'failed'; id: number; error: WireError };
