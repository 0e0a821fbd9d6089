import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { SOCKET_PATH } from '../../shared/contract/index.js';
import type { Rose } from '../app/createRose.js';
import {
  type AccessPolicy,
  checkToken,
  cookieName,
  hostAllowed,
  hostsFor,
  isWildcard,
  originAllowed,
} from './access.js';
import { parseTarget, sameOriginLocation } from './requestTarget.js';
import { securityHeaders } from './securityHeaders.js';
import { API_PATH, createOpenAiApi, type OpenAiApiOptions } from './api/openaiApi.js';
import { createSocketTransport } from './socketTransport.js';
import { plain, serveStatic } from './staticFiles.js';

export type ServerOptions = {
  rose: Pick<Rose, 'handlers' | 'events'>;
  /** Address to bind; 127.0.0.1 unless the user asked for another. */
  host: string;
  /** 0 = any free port. */
  port: number;
  /** null = no token (`--no-token`). */
  token: string | null;
  /** Names besides the loopback ones and this machine's addresses that the Host header may carry (`--allowed-host`). */
  allowedHostNames?: readonly string[];
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  coalesceMs?: number;
  /** Also serve the OpenAI-compatible API under /v1 (`rose serve --api`); it takes API keys, not the token. */
  api?: Omit<OpenAiApiOptions, 'rose'>;
  /** Only the API: no page, no WebSocket (the desktop app's local API). */
  apiOnly?: boolean;
};

export type RunningServer = {
  port: number;
  /** The address to open, with the token when one is required. */
  url: string;
  /** The API's base URL when it is served. */
  apiUrl: string | null;
  close(): Promise<void>;
};

/** Serve the renderer and the contract's WebSocket, token-protected, on one port. */
export async function startRoseServer(options: ServerOptions): Promise<RunningServer> {
  const transport = createSocketTransport(options.rose, { coalesceMs: options.coalesceMs });
  const policy: AccessPolicy = { token: options.token, port: 0, allowedHosts: new Set() };
  const api = options.api ? createOpenAiApi({ ...options.api, rose: options.rose }) : null;
  const server = createServer((request, response) => {
    handleHttp(request, response).catch(() => {
      if (!response.headersSent) plain(response, 500, 'internal error');
      else response.destroy();
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
    if (!hostAllowed(request, policy)) return plain(response, 421, 'unknown host name');
    const url = parseTarget(request.url);
    if (url === null) return plain(response, 400, 'bad request target');
    if (api && (url.pathname === API_PATH || url.pathname.startsWith(`${API_PATH}/`)))
      return api.handle(request, response, url.pathname);
    if (options.apiOnly) return plain(response, 404, `this server only answers the API under ${API_PATH}`);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return plain(response, 405, 'method not allowed');
    const access = checkToken(request, url, policy);
    if (access === null) {
      return plain(response, 401, 'Rose needs its access token: open the address that `rose serve` printed.');
    }
    if (access === 'query') {
      // Trade the token in the address for a cookie, and drop it from the address bar and history.
      response.setHeader(
        'Set-Cookie',
        `${cookieName(policy.port)}=${encodeURIComponent(options.token!)}; HttpOnly; SameSite=Strict; Path=/`,
      );
      url.searchParams.delete('token');
      response.writeHead(303, { Location: sameOriginLocation(url), 'Cache-Control': 'no-store' });
      response.end();
      return;
    }
    await serveStatic(options.rendererDir, url.pathname, response);
  }

  // Every path through here answers or hands over the socket; nothing a client sends may throw,
  // since an exception in an upgrade listener would stop the whole server.
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    try {
      const url = parseTarget(request.url);
      if (url === null) return refuse('400 Bad Request');
      if (url.pathname !== SOCKET_PATH || options.apiOnly) return refuse('404 Not Found');
      if (!hostAllowed(request, policy) || !originAllowed(request, policy)) return refuse('403 Forbidden');
      if (checkToken(request, url, policy) === null) return refuse('401 Unauthorized');
      transport.accept(request, socket, head);
    } catch {
      refuse('400 Bad Request');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  policy.port = port;
  policy.allowedHosts = hostsFor(options.host, port, options.allowedHostNames);

  const shownHost = isWildcard(options.host)
    ? '127.0.0.1'
    : options.host.includes(':')
      ? `[${options.host}]`
      : options.host;
  const url = `http://${shownHost}:${port}/${options.token === null ? '' : `?token=${options.token}`}`;

  let closed: Promise<void> | null = null;
  return {
    port,
    url,
    apiUrl: api ? `http://${shownHost}:${port}${API_PATH}` : null,
    close() {
      closed ??= (async () => {
        await transport.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closed;
    },
  };
}
