import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { APP_SCHEME } from './appUrl.js';
import { rendererFileFor } from './rendererFiles.js';

/**
 * Must run before `app.ready`: makes `rose:` a standard, secure origin so the renderer gets a real
 * origin (for CSP 'self', storage and the IPC sender check) instead of file://'s shared one.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // corsEnabled: Vite's <script type="module" crossorigin> is fetched in CORS mode.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

/**
 * Serves the built renderer (dist/renderer, inside app.asar when packaged) at `rose://app/…`, each
 * response carrying the Content-Security-Policy. Only GET of files below the renderer folder.
 */
export function serveRenderer(rendererRoot: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? rendererFileFor(request.url, rendererRoot) : null;
    if (file === null) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    if (!response.ok) return new Response('Not found', { status: 404 });
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', csp);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: 200, headers });
  });
}
