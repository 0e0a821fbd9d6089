import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { UserError } from '../../shared/errors.js';
import { AsyncQueue } from './asyncQueue.js';
import type { EngineEvent, GenerateRequest, LoadedModelInfo, LoadModelOptions } from './types.js';
import { fromWire } from './wireError.js';
import type { HostMessage, WorkerMessage } from './worker/protocol.js';

/** Distributes Omit over a union, so each message keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

type Pending =
  | {
      kind: 'call';
      resolve(value: unknown): void;
      reject(error: Error): void;
      onProgress?: (f: number) => void;
    }
  | { kind: 'generation'; generationId: string; events: AsyncQueue<EngineEvent> };

/**
 * The main-thread side of the decoding worker. Every call is a message; replies are matched by id.
 * A worker that dies is reported to everyone waiting on it and replaced on the next request, which
 * reloads the model that was loaded before.
 */
export class EngineHost {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private lastLoad: LoadModelOptions | null = null;
  private loadedInfo: LoadedModelInfo | null = null;

  constructor(private readonly workerUrl: URL = new URL('./worker/rose.worker.js', import.meta.url)) {}

  /** The model the worker holds, or null. */
  get model(): LoadedModelInfo | null {
    return this.loadedInfo;
  }

  async loadModel(
    options: LoadModelOptions,
    onProgress?: (fraction: number) => void,
  ): Promise<LoadedModelInfo> {
    this.lastLoad = options;
    this.loadedInfo = null;
    const info = (await this.call({ type: 'load', options }, onProgress)) as LoadedModelInfo;
    this.loadedInfo = info;
    return info;
  }

  async unload(): Promise<void> {
    this.lastLoad = null;
    this.loadedInfo = null;
    if (this.worker) await this.call({ type: 'unload' });
  }

  /** Streams one generation: started, deltas (numbered), then done, aborted or error. */
  generate(
    request: GenerateRequest,
    generationId: string = randomUUID(),
  ): AsyncIterable<EngineEvent> & { generationId: string } {
    const events = new AsyncQueue<EngineEvent>();
    const stream = Object.assign(events, { generationId });
    this.ensureModel()
      .then(() => {
        const id = this.nextId++;
        this.pending.set(id, { kind: 'generation', generationId, events });
        this.send({ type: 'generate', id, generationId, request });
      })
      .catch((error: Error) => {
        events.push({ type: 'error', generationId, code: codeOf(error), message: error.message });
        events.close();
      });
    return stream;
  }

  /** Asks the worker to stop a generation; it ends within one decoding step with an `aborted` event. */
  abort(generationId: string): void {
    if (this.worker) this.send({ type: 'abort', generationId });
  }

  /**
   * Makes the worker thread end at its next safe point, as if it had crashed (diagnostics, tests).
   * Resolves once the thread is gone.
   */
  async crashWorkerForTesting(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const gone = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage({ type: 'exit' } satisfies HostMessage);
    await gone;
  }

  /**
   * Shuts down for good: stops running generations, frees the model, then ends the thread.
   * The order matters: ending the thread while llama.cpp works for it aborts the process.
   */
  async dispose(): Promise<void> {
    this.lastLoad = null;
    const worker = this.worker;
    if (!worker) return;
    for (const pending of this.pending.values())
      if (pending.kind === 'generation') this.abort(pending.generationId);
    await this.call({ type: 'unload' }).catch(() => undefined);
    this.worker = null;
    await worker.terminate();
  }

  private async ensureModel(): Promise<void> {
    if (this.worker && this.loadedInfo) return;
    if (!this.lastLoad) throw new UserError('no-model', 'No model is loaded. Load a model first.');
    // The worker was replaced after a crash: bring the model back before serving the request.
    await this.loadModel(this.lastLoad);
  }

  private call(
    message: WithoutId<Extract<HostMessage, { type: 'load' | 'unload' }>>,
    onProgress?: (f: number) => void,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { kind: 'call', resolve, reject, onProgress });
      this.send({ ...message, id } as HostMessage);
    });
  }

  private send(message: HostMessage): void {
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerUrl);
    worker.on('message', (message: WorkerMessage) => this.receive(message));
    worker.on('error', (error) => this.workerGone(worker, `The decoding engine crashed: ${error.message}`));
    worker.on('exit', (code) =>
      this.workerGone(worker, `The decoding engine stopped unexpectedly (exit code ${code}).`),
    );
    this.worker = worker;
    return worker;
  }

  private receive(message: WorkerMessage): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    switch (message.type) {
      case 'load-progress':
        if (pending.kind === 'call') pending.onProgress?.(message.fraction);
        return;
      case 'loaded':
      case 'unloaded':
        this.pending.delete(message.id);
        if (pending.kind === 'call') pending.resolve(message.type === 'loaded' ? message.info : undefined);
        return;
      case 'failed':
        this.pending.delete(message.id);
        if (pending.kind === 'call') pending.reject(fromWire(message.error));
        else {
          pending.events.push({ type: 'error', generationId: pending.generationId, ...message.error });
          pending.events.close();
        }
        return;
      case 'event':
        if (pending.kind !== 'generation') return;
        pending.events.push(message.event);
        if (
          message.event.type === 'done' ||
          message.event.type === 'aborted' ||
          message.event.type === 'error'
        ) {
          this.pending.delete(message.id);
          pending.events.close();
        }
        return;
    }
  }

  private workerGone(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.loadedInfo = null;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const pending of waiting) {
      if (pending.kind === 'call') pending.reject(new UserError('engine-crashed', reason));
      else {
        pending.events.push({
          type: 'error',
          generationId: pending.generationId,
          code: 'engine-crashed',
          message: reason,
        });
        pending.events.close();
      }
    }
  }
}

function codeOf(error: Error): string {
  return (error as { code?: string }).code ?? 'engine-error';
}
