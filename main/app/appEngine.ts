import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { LoadedModel, LoadFit } from '../../shared/contract/index.js';
import type { EngineHost } from '../engine/engineHost.js';
import type { EngineEvent, GenerateRequest, GenerationStats, LoadedModelInfo } from '../engine/types.js';
import { AsyncQueue } from '../engine/asyncQueue.js';
import { sha256File } from '../models/sha256.js';
import type { ChatEngine, ModelIdentity } from '../services/chatService.js';
import type { ModelLibrary } from '../services/models.js';
import { EngineGate } from './engineGate.js';
import type { EventHub } from './eventHub.js';

/** What a request carries down to the engine: its stop signal and the model it was prepared for. */
type RunContext = { signal?: AbortSignal; modelPath?: string };

/** How a person asked for a model to be loaded; what is not set is chosen from the fit estimate. */
export type LoadChoice = { contextSize?: number; gpuLayers?: number };

const sameChoice = (a: LoadChoice, b: LoadChoice) =>
  a.contextSize === b.contextSize && a.gpuLayers === b.gpuLayers;

/**
 * The app's engine: the worker host behind a gate (one job at a time), loading the requested
 * model when needed and announcing loads as events. A call made inside `withRun` can be stopped
 * by its signal even while it still waits for its turn.
 */
export class AppEngine implements ChatEngine {
  private readonly gate = new EngineGate();
  private readonly context = new AsyncLocalStorage<RunContext>();
  private readonly identities = new Map<string, ModelIdentity>();
  /** How the loaded model's context size was chosen. */
  private loadFit: { path: string; fit: LoadFit | null } | null = null;
  /** Context size and GPU layers a person chose per model file (this session); else the fit decides. */
  private readonly choices = new Map<string, LoadChoice>();
  /** What the loaded model was loaded with, to tell whether a new choice needs a reload. */
  private loadedChoice: LoadChoice = {};

  /**
   * `planLoad` chooses the context size for a file from the fit estimates (see loadPlan.ts);
   * when it fails the engine's default is used and the error is logged.
   */
  constructor(
    private readonly host: EngineHost,
    private readonly library: ModelLibrary,
    private readonly hub: EventHub,
    private readonly threads: () => number,
    private readonly planLoad: (path: string) => Promise<LoadFit>,
    private readonly log: (message: string) => void,
    /** A context size for every load unless the person chose one (`rose chat --context N`). */
    private readonly defaultChoice: LoadChoice = {},
  ) {}

  /** Run `work` so that engine calls made by it can be stopped by `signal`. */
  withRun<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    return this.context.run({ signal }, work);
  }

  get busy(): boolean {
    return this.gate.busy;
  }

  /** Resolves when nothing runs or waits on the engine: background work (the bench) goes after chats. */
  idle(): Promise<void> {
    return this.gate.idle();
  }

  /** The loaded model, as the contract shows it. */
  async current(): Promise<LoadedModel | null> {
    const info = this.host.model;
    return info ? this.view(info) : null;
  }

  /**
   * Load `path` (waiting for running jobs to finish); a no-op when it is already loaded the same
   * way. A choice of context size or GPU layers is remembered for the file and reloads it if needed.
   */
  load(path: string, choice: LoadChoice = {}): Promise<LoadedModel> {
    const chosen = Object.fromEntries(Object.entries(choice).filter(([, value]) => value !== undefined));
    if (Object.keys(chosen).length > 0) this.choices.set(path, { ...this.choices.get(path), ...chosen });
    return this.gate.run(async () => this.view(await this.ensureLoaded(path)));
  }

  /** Unload `path` if it is the loaded model (waiting for running jobs), and say so. */
  unload(path: string): Promise<void> {
    return this.gate.run(async () => {
      if (this.host.model?.path !== path) return;
      await this.host.unload();
      this.loadFit = null;
      this.loadedChoice = {};
      this.hub.emit({ type: 'model.unloaded', path });
    });
  }

  async prepareModel(modelPath: string): Promise<ModelIdentity> {
    const path = resolve(modelPath);
    if (this.host.model?.path !== path) await this.load(path);
    const run = this.context.getStore();
    if (run) run.modelPath = path;
    let identity = this.identities.get(path);
    if (!identity) {
      const registered = (await this.library.list()).find((m) => resolve(m.path) === path);
      identity = { fileName: basename(path), sha256: registered?.sha256 ?? (await sha256File(path)) };
      this.identities.set(path, identity);
    }
    return identity;
  }

  generate(request: GenerateRequest): AsyncIterable<EngineEvent> {
    const run = this.context.getStore();
    const generationId = randomUUID();
    const out = new AsyncQueue<EngineEvent>();
    this.gate
      .run(async () => {
        if (run?.signal?.aborted) {
          out.push({ type: 'aborted', generationId, stats: emptyStats(this.host.model) });
          return;
        }
        if (run?.modelPath) await this.ensureLoaded(run.modelPath);
        const stop = () => this.host.abort(generationId);
        run?.signal?.addEventListener('abort', stop, { once: true });
        try {
          for await (const event of this.host.generate(request, generationId)) out.push(event);
        } finally {
          run?.signal?.removeEventListener('abort', stop);
        }
      })
      .catch((error: Error) =>
        out.push({ type: 'error', generationId, code: 'engine-error', message: error.message }),
      )
      .finally(() => out.close());
    return out;
  }

  abort(generationId: string): void {
    this.host.abort(generationId);
  }

  private async ensureLoaded(path: string): Promise<LoadedModelInfo> {
    const choice = { ...this.defaultChoice, ...this.choices.get(path) };
    if (this.host.model?.path === path && sameChoice(choice, this.loadedChoice)) return this.host.model;
    this.hub.emit({ type: 'model.loading', path, fraction: 0 });
    const fit =
      choice.contextSize !== undefined
        ? null
        : await this.planLoad(path).catch((error: Error) => {
            this.log(
              `could not estimate the fit of ${path} (${error.message}); using the default context size`,
            );
            return null;
          });
    const options = { path, threads: this.threads(), gpuLayers: choice.gpuLayers ?? ('auto' as const) };
    this.loadFit = { path, fit };
    this.loadedChoice = choice;
    const contextSize = choice.contextSize ?? fit?.contextSize;
    const info = await this.host.loadModel(
      contextSize !== undefined ? { ...options, contextSize } : options,
      (fraction) =>
        this.hub.emit({ type: 'model.loading', path, fraction: Math.min(1, Math.max(0, fraction)) }),
    );
    this.hub.emit({ type: 'model.loaded', model: await this.view(info) });
    return info;
  }

  private async view(info: LoadedModelInfo): Promise<LoadedModel> {
    const registered = (await this.library.list()).find((m) => resolve(m.path) === info.path);
    return {
      modelId: registered?.id ?? null,
      path: info.path,
      name: info.name,
      architecture: info.architecture,
      contextSize: info.contextSize,
      trainContextSize: info.trainContextSize,
      hasChatTemplate: info.hasChatTemplate,
      logitsSource: info.logitsSource,
      logitsSourceReason: info.logitsSourceReason,
      threads: info.threads,
      loadMs: info.loadMs,
      autoFit: this.loadFit?.path === info.path ? this.loadFit.fit : null,
    };
  }
}

/** The figures of a reply stopped before it began. */
function emptyStats(model: LoadedModelInfo | null): GenerationStats {
  return {
    text: '',
    tokens: [],
    generated: 0,
    steered: 0,
    steering: [],
    logitsSource: model?.logitsSource ?? 'api',
    reverseSkipped: 0,
    promptTokens: 0,
    cachedPromptTokens: 0,
    contextSize: model?.contextSize ?? 0,
    droppedTurns: 0,
    shortenedLastTurn: false,
    speculation: null,
    stopReason: 'aborted',
    timings: { prefillMs: 0, decodeMs: 0, firstTokenMs: 0, tokensPerSecond: 0 },
  };
}
