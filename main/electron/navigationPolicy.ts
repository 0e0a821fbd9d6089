import { isSameAppOrigin, parseUrl } from './appUrl.js';

/**
 * What the window does when the page tries to leave it. Pure, so the policy is unit-tested
 * without Electron; window.ts only carries the decision out.
 */
export type LeaveDecision =
  /** Stay on the page and hand the URL to the system browser. */
  | { action: 'openExternally'; url: string }
  /** Stay on the page and do nothing else. */
  | { action: 'deny' };

/**
 * A link or `window.open` to the web goes to the system browser; anything else (file:, data:,
 * javascript:, custom schemes, other apps' protocols) is dropped. Credentials in a URL are refused
 * because they are a classic way to disguise the real host.
 */
export function decideExternalOpen(rawUrl: string): LeaveDecision {
  const url = parseUrl(rawUrl);
  if (url === null || !(url.protocol === 'https:' || url.protocol === 'http:')) return { action: 'deny' };
  if (url.username !== '' || url.password !== '') return { action: 'deny' };
  return { action: 'openExternally', url: url.href };
}

/**
 * `will-navigate`: the app is a single page and never navigates its own window. Same-app URLs are
 * denied too (a full reload of the renderer would only lose state); web links open externally.
 */
export function decideNavigation(rawUrl: string, appUrl: string): LeaveDecision {
  if (isSameAppOrigin(rawUrl, appUrl)) return { action: 'deny' };
  return decideExternalOpen(rawUrl);
}

/** Permission requests (camera, notifications, geolocation…): the chat UI needs none of them. */
export function allowPermission(_permission: string): boolean {
  return false;
}
