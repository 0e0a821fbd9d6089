import { open, stat } from 'node:fs/promises';
import { UserError } from '../../shared/errors.js';

/**
 * Cheap checks before handing a file to llama.cpp, so the common mistakes (wrong path, a folder,
 * an HTML page saved as .gguf) get a message that says what to do instead of a loader error.
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
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (bytesRead < 4 || head.toString('latin1') !== 'GGUF') {
      throw new UserError(
        'not-gguf',
        `${path} is not a GGUF model file (it does not start with "GGUF"). Use a .gguf model.`,
      );
    }
  } finally {
    await handle.close();
  }
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
