import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parseUrl } from './appUrl.js';

/**
 * Maps a `rose://app/<path>` request to a file of the built renderer, or null when the request
 * is for another host or would leave the renderer folder (`..`, encoded separators, NUL bytes).
 * Pure path arithmetic; the protocol handler only reads the file it is given.
 */
export function rendererFileFor(requestUrl: string, rendererRoot: string, appHost = 'app'): string | null {
  const url = parseUrl(requestUrl);
  if (url === null || url.host !== appHost) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relativePath = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rendererRoot);
  const file = resolve(root, relativePath);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}
