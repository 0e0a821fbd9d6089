/**
 * The guard model's thread: it owns the guard (model and context) and judges one reply at a time,
 * so the app's main thread never runs a decoding loop (the chat's model has its own worker).
 * Closing disposes the guard here before the thread ends: a thread torn down while llama.cpp still
 * holds a callback would take the process with it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toWire } from '../../engine/wireError.js';
import { GuardJudge } from './guardJudge.js';
import type { GuardHostMessage, GuardWorkerMessage, GuardWorkerOptions } from './guardProtocol.js';

if (!parentPort) throw new Error('guardWorker must run as a worker thread');
const port = parentPort;
const post = (message: GuardWorkerMessage) => port.postMessage(message);

const toGuardWire = (error: unknown) => toWire(error, 'guard-error');

const { path, threads } = workerData as GuardWorkerOptions;
let guard: GuardJudge | null = null;
try {
  guard = await GuardJudge.open(path, { threads });
  post({ type: 'ready', kind: guard.kind });
} catch (error) {
  post({ type: 'failed', id: null, error: toGuardWire(error) });
  port.close();
}

// One message at a time, in order: judging and closing never overlap.
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: GuardHostMessage) => {
  queue = queue.then(() => handle(message));
});

async function handle(message: GuardHostMessage): Promise<void> {
  if (!guard) return;
  if (message.type === 'close') {
    await guard.dispose().catch(() => {});
    guard = null;
    post({ type: 'closed' });
    port.close();
    return;
  }
  try {
    const result = await guard.judge(message.prompt, message.response, message.expected);
    post({ type: 'judged', id: message.id, result });
  } catch (error) {
    post({ type: 'failed', id: message.id, error: toGuardWire(error) });
  }
}
