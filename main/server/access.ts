import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { UserError } from '../../shared/errors.js';

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

/**
 * Every value of the cookies called `name`. A browser sends one per path and domain that matched,
 * and any page on another port of this host can plant one (cookies ignore ports), so none is
 * preferred and one that cannot be decoded is skipped instead of failing the request.
 */
export function cookieValues(header: string | undefined, name: string): string[] {
  const values: string[] = [];
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0 || part.slice(0, index).trim() !== name) continue;
    try {
      values.push(decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // A bad `%` sequence: not a token this server ever set.
    }
  }
  return values;
}

export type AccessPolicy = {
  /** null = no token required (`--no-token`). */
  token: string | null;
  port: number;
  /** Host header values this server answers to (`host:port`, lower case); see `hostsFor`. */
  allowedHosts: Set<string>;
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
  const token = policy.token;
  const fromCookies = cookieValues(request.headers.cookie, cookieName(policy.port));
  if (fromCookies.some((value) => tokensEqual(value, token))) return 'cookie';
  return null;
}

/**
 * The Host header must name this server, on every bind: a page on another site whose name was
 * pointed at this machine (DNS rebinding) then cannot talk to it, with or without a token.
 */
export function hostAllowed(request: IncomingMessage, policy: AccessPolicy): boolean {
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && policy.allowedHosts.has(withPort(host));
}

/** A Host header without a port means HTTP's default, 80. */
const withPort = (host: string) => (/:\d+$/.test(host) && !host.endsWith(']') ? host : `${host}:80`);

/**
 * A WebSocket from a browser must come from a page this server serves: an http origin whose
 * host is one of the configured names (checked against the list, never against the Host header,
 * which the page chooses).
 */
export function originAllowed(request: IncomingMessage, policy: AccessPolicy): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true; // not a browser: the token is the check that matters
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && policy.allowedHosts.has(`${url.hostname}:${url.port || '80'}`);
  } catch {
    return false;
  }
}

/**
 * The `host:port` spellings this server answers to: the loopback names, the address it is bound
 * to (on a wildcard bind, every address of this machine's network interfaces) and the names the
 * user added with `--allowed-host`. Any other name in the Host header is refused.
 */
export function hostsFor(
  bindHost: string,
  port: number,
  extraNames: readonly string[] = [],
  interfaceAddresses: readonly string[] = machineAddresses(),
): Set<string> {
  const names = ['127.0.0.1', 'localhost', '::1', ...extraNames];
  if (isWildcard(bindHost)) names.push(...interfaceAddresses);
  else names.push(bindHost);
  return new Set(names.map((name) => `${bracketed(name.toLowerCase())}:${port}`));
}

/** Every address of this machine's network interfaces, without IPv6 zone ids. */
export function machineAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .map((entry) => entry.address.replace(/%.*$/, ''));
}

/**
 * Checks a `--allowed-host` value: a DNS name or an IP address, without port or scheme (the port
 * is always the one Rose listens on).
 */
export function parseAllowedHost(value: string): string {
  const name = value
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  const dnsName =
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
  if (isIP(name) === 0 && !dnsName.test(name)) {
    throw new UserError(
      'bad-allowed-host',
      `--allowed-host '${value}' is not a host name or address (give a name like rose.lan, without port or scheme)`,
    );
  }
  return name;
}

const bracketed = (name: string) => (name.includes(':') ? `[${name}]` : name);
export const isWildcard = (host: string) => host === '0.0.0.0' || host === '::';

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
