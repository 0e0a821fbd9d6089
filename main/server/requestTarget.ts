/**
 * The path and query of a request target, or null when it cannot be parsed (`//[::1/x`). Only
 * the path and query are ever used: an absolute-form target (`http://other/x`) names no other host.
 */
export function parseTarget(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://rose.invalid');
  } catch {
    return null;
  }
}

/**
 * A Location for a redirect to `url`'s path and query on this same server. A path that starts
 * with two slashes (`/.//evil.example/` normalises to `//evil.example/`) or a backslash would be
 * read by a browser as another host, so leading slashes and backslashes collapse to one `/`.
 */
export function sameOriginLocation(url: URL): string {
  return `/${url.pathname.replace(/^[/\\]+/, '')}${url.search}`;
}
