import { type FileHandle, open, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { resolveInside } from '../files/resolveInside.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The page shown when the renderer has not been built. */
const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rose</title></head>
<body><main><h1>Rose is running, but its web page is not built</h1>
<p>Run <code>npm run build:renderer</code> in the Rose folder, then reload this page.</p></main></body></html>`;

/**
 * Send a file of the built renderer. Paths are resolved inside `root` only; an unknown path
 * without an extension gets index.html (the app's own routes), anything else 404.
 */
export async function serveStatic(root: string, pathname: string, response: ServerResponse): Promise<void> {
  const candidate = resolveInside(root, pathname);
  if (candidate === null) return plain(response, 404, 'not found');
  let file = (await isFile(candidate)) ? candidate : null;
  if (!file && (await isFile(join(candidate, 'index.html')))) file = join(candidate, 'index.html');
  if (!file && extname(candidate) === '' && (await isFile(join(root, 'index.html'))))
    file = join(root, 'index.html');
  if (!file) {
    if (!(await isFile(join(root, 'index.html'))))
      return send(response, 200, 'text/html; charset=utf-8', notBuiltPage);
    return plain(response, 404, 'not found');
  }
  await sendFile(file, response);
}

/**
 * Opens the file before the status line goes out, so a file removed since it was found is a 404;
 * a read that fails later (the disk, a file replaced mid-read) ends this response and nothing else.
 */
async function sendFile(file: string, response: ServerResponse): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return plain(response, 404, 'not found');
  }
  const type = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
  response.writeHead(200, {
    'Content-Type': type,
    // Hashed assets never change; the page itself is always checked.
    'Cache-Control': file.endsWith('index.html') ? 'no-cache' : 'private, max-age=3600',
  });
  // pipeline closes the handle and destroys the response on any error; the server carries on.
  await pipeline(handle.createReadStream(), response).catch(() => undefined);
}

export function plain(response: ServerResponse, status: number, text: string): void {
  send(response, status, 'text/plain; charset=utf-8', `${text}\n`);
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
