import { isAbsolute, relative, resolve } from 'node:path';

/**
 * The file a URL path names inside `root`, or null when it would leave `root` (`..`, encoded
 * separators, an absolute path) or cannot be read as a path (a bad `%` sequence, NUL, `\`).
 * Pure path arithmetic, shared by serve mode's static files and Electron's `rose://` protocol,
 * so the two can never disagree about what is inside. `/` (or an empty path) gives `root` itself.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // A backslash is a separator on Windows and never part of a renderer file name.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  const inside = relative(base, file);
  if (inside === '') return base;
  if (inside === '..' || inside.startsWith('../') || inside.startsWith('..\\') || isAbsolute(inside))
    return null;
  return file;
}
