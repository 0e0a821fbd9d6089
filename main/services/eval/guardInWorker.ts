import { Worker } from 'node:worker_threads';
import { UserError } from '../../../shared/errors.js';
import type { GuardJudge, GuardResult } from './guardJudge.js';
import { fromWire } from '../../engine/wireError.js';
import type { GuardHostMessage, GuardWorkerMessage } from './guardProtocol.js';

/** How long a closing guard may take to free its model before its thread is ended anyway. */
const CLOSE_TIMEOUT_MS = 30_000;

/**
 * Open the guard model at `path` in its own worker thread (guardWorker.ts) and judge through it:
 * the same `kind`, `judge` and `dispose` as a GuardJudge, with the decoding off the main thread.
 * A thread that dies fails the judgement under way with `guard-crashed`.
 */
export function openGuardInWorker(
  path: string,
  threads: number,
  workerUrl: URL = new URL('./guardWorker.js', import.meta.url),
): Promise<Pick<GuardJudge, 'kind' | 'judge' | 'dispose'>> {
  const worker = new Worker(workerUrl, { workerData: { path, threads } });
  const pending = new Map<
    number,
    { resolve: (result: GuardResult) => void; reject: (error: Error) => void }
  >();
  let nextId = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      exited = true;
      const crashed = new UserError('guard-crashed', `the guard model's thread stopped (exit code ${code})`);
      for (const waiting of pending.values()) waiting.reject(crashed);
      pending.clear();
      resolve();
    }),
  );
  const send = (message: GuardHostMessage) => worker.postMessage(message);

  return new Promise((resolveOpen, rejectOpen) => {
    worker.once('error', (error) => rejectOpen(error));
    void exit.then(() => rejectOpen(new UserError('guard-crashed', 'the guard model could not be started')));
    worker.on('message', (message: GuardWorkerMessage) => {
      switch (message.type) {
        case 'ready':
          resolveOpen({
            kind: message.kind,
            judge: (prompt, response, expected) =>
              new Promise<GuardResult>((resolve, reject) => {
                if (exited)
                  return reject(new UserError('guard-crashed', "the guard model's thread has stopped"));
                const id = nextId++;
                pending.set(id, { resolve, reject });
                send({ type: 'judge', id, prompt, response, expected });
              }),
            dispose: async () => {
              if (exited) return;
              send({ type: 'close' });
              const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
              await exit;
              clearTimeout(timer);
            },
          });
          return;
        case 'judged':
          pending.get(message.id)?.resolve(message.result);
          pending.delete(message.id);
          return;
        case 'failed':
          if (message.id === null) rejectOpen(fromWire(message.error));
          else {
            pending.get(message.id)?.reject(fromWire(message.error));
            pending.delete(message.id);
          }
          return;
        case 'closed':
          return;
      }
    });
  });
}
