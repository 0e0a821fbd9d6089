/**
 * The Content-Security-Policy of the Rose renderer, in one place so the Electron shell and serve
 * mode send the same policy (the e2e tests in Chromium then prove the renderer works under it).
 *
 * Everything is loaded from the app's own origin: no remote scripts, styles, fonts, images or
 * connections, no eval, no inline script, no plugins, no frames. Data URLs are allowed for images and fonts only
 * (favicons, inlined icons); they cannot carry script.
 */
export type CspOptions = {
  /**
   * Extra origins the renderer may connect to, e.g. the WebSocket of serve mode when the page is
   * served from another origin. Each must be a full origin like `ws://127.0.0.1:4000`.
   */
  connectOrigins?: readonly string[];
  /**
   * Development only: the Vite dev server injects an inline React-refresh preamble and talks to
   * its HMR socket, so those are allowed. Never set in a release.
   */
  devServerOrigin?: string;
};

/** Builds the policy string sent as the `Content-Security-Policy` header. */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.connectOrigins ?? [])];
  const scripts = ["'self'"];
  // Inline styles stay allowed as in serve mode (rendered Markdown and highlighting set style
  // attributes); with no remote source anywhere, CSS cannot fetch or exfiltrate anything.
  const styles = ["'self'", "'unsafe-inline'"];
  if (options.devServerOrigin !== undefined) {
    const dev = new URL(options.devServerOrigin);
    scripts.push("'unsafe-inline'");
    connect.push(`${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`);
  }
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', scripts],
    ['style-src', styles],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', connect],
    ['worker-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
