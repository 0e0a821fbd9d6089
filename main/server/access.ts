import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh access token: 32 random bytes as hex. */
export function newAccessToken(): string {
  return randomBytes(32).toString('hex');
}

/** Compare in constant time; hashing first makes lengths equal, so nothing leaks through timing. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The cookie that carries the token; named per port, since cookies are shared across ports. */
export function cookieName(port: number): string {
  return `rose_token_${port}`;
}

export function cookieValue(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name)
      return decodeURIComponent(part.slice(index + 1).trim());
  }
  return null;
}

export type AccessPolicy = {
  /** null = no token required (`--no-token`). */
  token: string | null;
  port: number;
  /** Host header values this server answers to (`host:port`, lower case); null = any (bound to all addresses). */
  allowedHosts: Set<string> | null;
};

/** How the request proved it may come in: by the query token, the cookie, or not at all. */
export function checkToken(
  request: IncomingMessage,
  url: URL,
  policy: AccessPolicy,
): 'query' | 'cookie' | null {
  if (policy.token === null) return 'cookie';
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null && tokensEqual(fromQuery, policy.token)) return 'query';
  const fromCookie = cookieValue(request, cookieName(policy.port));
  if (fromCookie !== null && tokensEqual(fromCookie, policy.token)) return 'cookie';
  return null;
}

/**
 * The Host header must name this server: a page on another site whose name was pointed at
 * 127.0.0.1 (DNS rebinding) then cannot talk to it even without a token.
 */
export function hostAllowed(request: IncomingMessage, policy: AccessPolicy): boolean {
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && (policy.allowedHosts === null || policy.allowedHosts.has(host));
}

/** A WebSocket from a browser must come from a page of this server (same scheme, host and port). */
export function originAllowed(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true; // not a browser: the token is the check that matters
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && url.host.toLowerCase() === request.headers.host?.toLowerCase();
  } catch {
    return false;
  }
}

/** `host:port` spellings that reach a server bound to `bindHost` on `port`; null when bound to every address. */
export function hostsFor(bindHost: string, port: number): Set<string> | null {
  if (isWildcard(bindHost)) return null;
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  names.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
  return new Set([...names].map((name) => `${name.toLowerCase()}:${port}`));
}

export const isWildcard = (host: string) => host === '0.0.0.0' || host === '::';

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
