/**
 * Where the renderer lives and which URLs belong to the app. Pure: no electron import, so the
 * rules that guard IPC and navigation are unit-tested under Node.
 */

/** The privileged scheme the packaged renderer is served from (not file://: see docs/desktop-app.md). */
export const APP_SCHEME = 'rose';
/** The renderer's entry page under {@link APP_SCHEME}. */
export const APP_ENTRY_URL = `${APP_SCHEME}://app/index.html`;

/** Where the window loads the renderer from: the built files, or the Vite dev server. */
export type RendererSource = { kind: 'bundle'; url: string } | { kind: 'devServer'; url: string };

/**
 * Picks the renderer source. `devServerUrl` (from ROSE_DEV_SERVER_URL) is honoured only when the
 * app is not packaged and only for a loopback http(s) address, so a release can never be pointed
 * at remote content through the environment.
 */
export function rendererSource(devServerUrl: string | undefined, isPackaged: boolean): RendererSource {
  if (devServerUrl === undefined || devServerUrl === '' || isPackaged) {
    return { kind: 'bundle', url: APP_ENTRY_URL };
  }
  const url = parseUrl(devServerUrl);
  if (url === null || !/^https?:$/.test(url.protocol) || !isLoopbackHost(url.hostname)) {
    throw new Error(
      `ROSE_DEV_SERVER_URL must be an http://localhost or http://127.0.0.1 address, not "${devServerUrl}".`,
    );
  }
  return { kind: 'devServer', url: url.href };
}

/**
 * True when `candidate` is on the same scheme, host and port as `appUrl`. Compared by parts
 * because WHATWG URLs give every non-special scheme (like rose:) the opaque origin "null".
 */
export function isSameAppOrigin(candidate: string, appUrl: string): boolean {
  const a = parseUrl(candidate);
  const b = parseUrl(appUrl);
  if (a === null || b === null) return false;
  return a.protocol === b.protocol && a.host === b.host && a.host !== '';
}

/** The origin string for CSP and logs, e.g. `rose://app` or `http://localhost:5173`. */
export function originOf(appUrl: string): string {
  const url = new URL(appUrl);
  return `${url.protocol}//${url.host}`;
}

export function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}
