// What to do when a window's renderer or one of Chromium's helper processes dies. Pure (no
// `electron` import) so it is tested under Node; window.ts and index.ts carry the decisions out.
// Data is never at risk here: conversations live in the main process (SQLite), a reply being
// written keeps streaming there and is saved, and a reloaded page reads everything back.

/** Electron's `RenderProcessGoneDetails.reason` / `Details.reason`. */
export type GoneReason =
  | 'clean-exit'
  | 'abnormal-exit'
  | 'killed'
  | 'crashed'
  | 'oom'
  | 'launch-failed'
  | 'integrity-failure'
  | 'memory-eviction';

/** More than this many renderer deaths within `RENDERER_CRASH_WINDOW_MS` and Rose stops reloading. */
export const RENDERER_MAX_RELOADS = 3;
export const RENDERER_CRASH_WINDOW_MS = 60_000;

export type RendererGoneDecision =
  | { action: 'none' }
  | { action: 'reload'; log: string; message: string }
  | { action: 'give-up'; log: string; message: string };

const reasonText: Record<GoneReason, string> = {
  'clean-exit': 'closed',
  'abnormal-exit': 'exited unexpectedly',
  killed: 'was stopped by the system',
  crashed: 'crashed',
  oom: 'ran out of memory',
  'launch-failed': 'could not start',
  'integrity-failure': 'failed a code integrity check',
  'memory-eviction': 'was closed by the system to free memory',
};

/**
 * One policy per app run. A crash reloads the page and says so; a page that keeps dying (a bug
 * in what it renders, say a conversation whose content crashes Chromium) would otherwise reload
 * forever, so after a few in a minute Rose says so and stops trying.
 */
export function createRendererCrashPolicy(
  options: { maxReloads?: number; windowMs?: number; logDir?: string } = {},
) {
  const maxReloads = options.maxReloads ?? RENDERER_MAX_RELOADS;
  const windowMs = options.windowMs ?? RENDERER_CRASH_WINDOW_MS;
  const where = options.logDir ? ` Details are in the log (${options.logDir}).` : '';
  let recent: number[] = [];
  return {
    decide(
      details: { reason: GoneReason; exitCode: number },
      now: number,
      quitting: boolean,
    ): RendererGoneDecision {
      // A window that closes, or any renderer during the app's own quit, is not a crash.
      if (details.reason === 'clean-exit' || quitting) return { action: 'none' };
      recent = [...recent.filter((at) => now - at < windowMs), now];
      const what = `the window's page ${reasonText[details.reason] ?? details.reason}`;
      const log = `renderer gone: ${details.reason} (exit code ${details.exitCode})`;
      if (recent.length > maxReloads) {
        return {
          action: 'give-up',
          log: `${log}; ${recent.length} times within ${windowMs / 1000} s, not reloading again`,
          message: `${capitalise(what)} ${recent.length} times in a row, so Rose stopped reloading it. Your conversations are saved. Close the window and start Rose again.${where}`,
        };
      }
      return {
        action: 'reload',
        log: `${log}; reloading`,
        message: `${capitalise(what)} and was reloaded. Your conversations are saved; a reply that was being written went on in the background.${where}`,
      };
    },
  };
}

/**
 * Chromium's helper processes (GPU, network, audio, utilities) are restarted by Chromium itself
 * or fall back (the GPU to software); Rose needs none of them for its data, so it only logs.
 */
export function describeChildGone(details: {
  type: string;
  reason: GoneReason;
  exitCode: number;
  name?: string;
  serviceName?: string;
}): string | null {
  if (details.reason === 'clean-exit') return null;
  const name = details.name || details.serviceName || details.type;
  return `helper process gone: ${name} (${details.type}) ${details.reason}, exit code ${details.exitCode}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
