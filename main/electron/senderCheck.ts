import { isSameAppOrigin } from './appUrl.js';

/** The parts of Electron's WebFrameMain the check reads (kept structural so it is testable). */
export type SenderFrame = { url: string; parent: unknown } | null | undefined;

/**
 * An IPC message is trusted only when it comes from the top frame of the app's own page: not from
 * an iframe, not after the page was somehow navigated elsewhere, not from a destroyed frame.
 */
export function isTrustedSender(frame: SenderFrame, appUrl: string): boolean {
  if (frame === null || frame === undefined) return false;
  if (frame.parent !== null) return false;
  return isSameAppOrigin(frame.url, appUrl);
}
