import { fork } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GgufFileInfo } from 'node-llama-cpp';
import { UserError } from '../../shared/errors.js';
import type { GgufInfoAnswer } from './ggufInfoChild.js';

/** A header read takes well under a second even for large vocabularies; a hung reader is killed. */
export const ggufInfoTimeoutMs = 60_000;
/** Recently read files, so a file read again unchanged (hardware page, load after import) costs nothing. */
const cacheSize = 8;
const cache = new Map<string, Promise<GgufFileInfo>>();

/**
 * node-llama-cpp's metadata of a GGUF file, read in a child process so that whatever a damaged
 * file does to the reader (even aborting it) ends as a UserError here. Run `checkGgufHeader`
 * first: it refuses what it can recognise without starting a process. Cached per file identity
 * (path, size, modification time, inode), so a file that changed on disk is read again.
 */
export async function readGgufInfoIsolated(
  path: string,
  timeoutMs = ggufInfoTimeoutMs,
): Promise<GgufFileInfo> {
  const info = await stat(path);
  const key = [path, info.size, info.mtimeMs, info.ino].join('\0');
  let read = cache.get(key);
  if (!read) {
    read = readInChild(path, timeoutMs);
    cache.set(key, read);
    read.catch(() => cache.delete(key));
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
  }
  return read;
}

function readInChild(path: string, timeoutMs: number): Promise<GgufFileInfo> {
  const name = basename(path);
  const unreadable = (detail: string) =>
    new UserError(
      'gguf-unreadable',
      `the GGUF header of ${name} cannot be read — the file is truncated or damaged (${detail}). Download or copy it again.`,
    );
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const child = fork(fileURLToPath(new URL('./ggufInfoChild.js', import.meta.url)), [], {
      // Under Electron, process.execPath is the app; this makes it behave as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(unreadable(`reading it took longer than ${timeoutMs / 1000} s`)));
    }, timeoutMs);
    child.on('error', (error) =>
      finish(() =>
        reject(new UserError('gguf-reader-failed', `could not start the GGUF reader: ${error.message}`)),
      ),
    );
    child.on('message', (message) => {
      const answer = message as GgufInfoAnswer;
      finish(() => (answer.ok ? resolve(answer.fileInfo) : reject(unreadable(answer.message))));
    });
    // 'close', not 'exit': a child that answered and exited at once can be seen as exited before
    // its answer is read from the channel; 'close' comes after the channel and stderr are drained.
    child.on('close', (code, signal) => {
      const firstLine =
        stderr
          .trim()
          .split('\n')
          .find((line) => line.trim() !== '') ?? '';
      finish(() =>
        reject(
          unreadable(
            `the reader stopped with ${signal ?? `exit code ${code}`}${firstLine ? `: ${firstLine}` : ''}`,
          ),
        ),
      );
    });
    child.send(path);
  });
}
