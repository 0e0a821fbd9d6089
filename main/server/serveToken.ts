import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { newAccessToken } from './access.js';

/**
 * The serve-mode access token, one per data folder, kept across restarts so an open tab
 * reconnects by itself after `rose serve` restarts. It has to be printed in the address at every
 * start, so (unlike API keys) it is stored as is, in a file only its owner may read (0600).
 * `rose serve --new-token` replaces it: every tab holding the old one is signed out.
 */
export const SERVE_TOKEN_FILE = 'serve-token';
const TOKEN_FORMAT = /^[0-9a-f]{64}$/;

export function serveTokenPath(dataDir: string): string {
  return join(dataDir, SERVE_TOKEN_FILE);
}

/** The data folder's token, made on first use or when `rotate` is set. */
export function loadServeToken(dataDir: string, options: { rotate?: boolean } = {}): string {
  const path = serveTokenPath(dataDir);
  if (!options.rotate) {
    const kept = readKept(path);
    if (kept !== null) return kept;
  }
  const token = newAccessToken();
  writeFileAtomic.sync(path, `${token}\n`, { mode: 0o600 });
  return token;
}

/** The stored token, or null when there is none or it is not one Rose wrote (then it is replaced). */
function readKept(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (!TOKEN_FORMAT.test(text)) return null;
  // A copy or restore may have widened the mode; others must never read the token.
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return text;
}
