/**
 * The decoding worker: owns node-llama-cpp, the model and the two-sequence context, and runs the
 * ROSE loop off the main thread so IPC and the UI stay responsive. It holds no conversation state
 * beyond the KV cache of the active conversation.
 */
import { parentPort } from 'node:worker_threads';
import { type LoadedEngine, loadEngine } from '../loadEngine.js';
import type { EngineEvent, GenerationStats } from '../types.js';
import { toWire, type WireError } from '../wireError.js';
import type { HostMessage, WorkerMessage } from './protocol.js';

if (!parentPort) throw new Error('rose.worker must run as a worker thread');
const port = parentPort;
const post = (message: WorkerMessage) => port.postMessage(message);

let engine: LoadedEngine | null = null;
const abortedGenerations = new Set<string>();
let generating = false;
let exitRequested = false;
const WORKER_EXIT_CODE = 70;

// A JavaScript error must not end the thread: tearing the thread down while llama.cpp still has a
// callback pending aborts the whole process. Report it and keep serving.
process.on('uncaughtException', (error) => {
  process.stderr.write(`rose worker: ${error.stack ?? error.message}\n`);
});
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`rose worker: unhandled rejection: ${String(reason)}\n`);
});

const toEngineWire = (error: unknown): WireError => toWire(error, 'engine-error');

async function handle(message: HostMessage): Promise<void> {
  switch (message.type) {
    case 'load': {
      await engine?.dispose();
      engine = null;
      engine = await loadEngine(message.options, (fraction) =>
        post({ type: 'load-progress', id: message.id, fraction }),
      );
      post({ type: 'loaded', id: message.id, info: engine.info });
      return;
    }
    case 'unload': {
      await engine?.dispose();
      engine = null;
      post({ type: 'unloaded', id: message.id });
      return;
    }
    case 'generate': {
      const { id, generationId, request } = message;
      const emit = (event: EngineEvent) => post({ type: 'event', id, event });
      if (!engine) {
        emit({
          type: 'error',
          generationId,
          code: 'no-model',
          message: 'No model is loaded. Load a model first.',
        });
        return;
      }
      let seq = 0;
      let stats: GenerationStats;
      generating = true;
      try {
        stats = await engine.generate(request, {
          onStarted: (promptTokens) =>
            emit({ type: 'started', generationId, logitsSource: engine!.info.logitsSource, promptTokens }),
          onDelta: (text) => emit({ type: 'delta', generationId, seq: seq++, text }),
          isAborted: () => {
            if (exitRequested) process.exit(WORKER_EXIT_CODE);
            return abortedGenerations.has(generationId);
          },
        });
      } catch (error) {
        const wire = toEngineWire(error);
        emit({ type: 'error', generationId, code: wire.code, message: wire.message });
        return;
      } finally {
        generating = false;
        abortedGenerations.delete(generationId);
      }
      emit({ type: stats.stopReason === 'aborted' ? 'aborted' : 'done', generationId, stats });
      return;
    }
    case 'abort':
      abortedGenerations.add(message.generationId);
      return;
    case 'exit':
      exitRequested = true;
      if (!generating) process.exit(WORKER_EXIT_CODE);
      return;
  }
}

port.on('message', (message: HostMessage) => {
  handle(message).catch((error: unknown) => {
    if ('id' in message) post({ type: 'failed', id: message.id, error: toEngineWire(error) });
  });
});
