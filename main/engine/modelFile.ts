import { stat } from 'node:fs/promises';
import { UserError } from '../../shared/errors.js';
import { checkGgufHeader } from '../models/ggufHeaderCheck.js';
import { readGgufInfoIsolated } from '../models/ggufInfoIsolated.js';

/**
 * Checks before handing a file to llama.cpp, so the common mistakes (wrong path, a folder, an
 * HTML page saved as .gguf, a cut-off download) get a message that says what to do instead of a
 * loader error, and a damaged header never reaches a reader in this process.
 */
export async function checkModelFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info)
    throw new UserError(
      'model-not-found',
      `Model file not found: ${path}. Check the path, or download a model first.`,
    );
  if (!info.isFile())
    throw new UserError('model-not-file', `${path} is not a file. Give the path of a .gguf model file.`);
  // The header's lengths and counts are checked against the file, then node-llama-cpp's reader
  // runs once in a child process: the load below reads the same header in this process, and a
  // hostile header must not abort it.
  await checkGgufHeader(path);
  await readGgufInfoIsolated(path);
}

/** Turns a loader failure on a file that passed `checkModelFile` into a clear user error. */
export function unreadableModelError(path: string, cause: unknown): UserError {
  const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new UserError(
    'corrupt-gguf',
    `Could not load ${path}: the GGUF file is truncated, corrupt or of an unsupported architecture (${detail}). ` +
      'Download it again or choose another model.',
  );
}
