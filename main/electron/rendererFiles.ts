import { join } from 'node:path';
import { resolveInside } from '../files/resolveInside.js';
import { parseUrl } from './appUrl.js';

/**
 * Maps a `rose://app/<path>` request to a file of the built renderer, or null when the request
 * is for another host or would leave the renderer folder (`..`, encoded separators, NUL bytes).
 * Pure path arithmetic; the protocol handler only reads the file it is given.
 */
export function rendererFileFor(requestUrl: string, rendererRoot: string, appHost = 'app'): string | null {
  const url = parseUrl(requestUrl);
  if (url === null || url.host !== appHost) return null;
  const root = resolveInside(rendererRoot, '/');
  const file = resolveInside(rendererRoot, url.pathname);
  if (file === null) return null;
  return file === root ? join(file, 'index.html') : file;
}
