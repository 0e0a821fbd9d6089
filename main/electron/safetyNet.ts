// The main process's last line: errors nothing else caught. Pure (the Electron pieces are passed
// in), so it is tested under Node.
//
// - uncaughtException: the process state is unknown (Node's own advice: do not resume). Rose logs
//   the stack, closes its data cleanly (running replies saved as stopped, the database closed,
//   which folds the WAL in), tells the user, and exits. better-sqlite3 transactions are
//   synchronous, so an exception thrown inside one has already rolled it back: nothing is half
//   written.
// - unhandledRejection: a promise nobody awaited failed. No write is left open by it (the same
//   reason), so Rose logs it and goes on; the user is told the first time, and again only after
//   a quiet spell, so a repeating bug cannot bury the window in dialogs.

export const FATAL_CLEANUP_TIMEOUT_MS = 5_000;
/** After telling the user about a failed promise, stay quiet about further ones for this long. */
export const REJECTION_NOTICE_INTERVAL_MS = 10 * 60_000;

export type SafetyNetOptions = {
  log: (message: string) => void;
  /** Show a message; `fatal` ones block until dismissed where the platform allows. */
  tell: (notice: { title: string; message: string; fatal: boolean }) => void | Promise<void>;
  /** Saves and closes the app's data (rose.dispose). */
  cleanup: () => Promise<void>;
  exit: (code: number) => void;
  logDir: string;
  now?: () => number;
  timeoutMs?: number;
};

function describe(error: unknown): { summary: string; details: string } {
  if (error instanceof Error) return { summary: error.message, details: error.stack ?? error.message };
  const text = typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
  return { summary: text, details: text };
}

export function createSafetyNet(options: SafetyNetOptions) {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? FATAL_CLEANUP_TIMEOUT_MS;
  let fatal: Promise<void> | null = null;
  let lastNotice: number | null = null;

  async function closeDown(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const cleaned = Promise.resolve()
      .then(options.cleanup)
      .then(
        () => 'done' as const,
        (error: unknown) => {
          options.log(`cleanup after a fatal error failed: ${describe(error).details}`);
          return 'failed' as const;
        },
      );
    const outcome = await Promise.race([cleaned, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') options.log(`cleanup did not finish within ${timeoutMs} ms`);
    return;
  }

  return {
    /** `process.on('uncaughtException')`. Returns the shutdown, for tests. */
    uncaughtException(error: unknown): Promise<void> {
      const { summary, details } = describe(error);
      if (fatal !== null) {
        options.log(`another uncaught exception while closing down: ${details}`);
        return fatal;
      }
      options.log(`uncaught exception, closing down: ${details}`);
      fatal = (async () => {
        await closeDown();
        try {
          await options.tell({
            title: 'Rose hit an unexpected error and must close',
            message: `${summary}\n\nYour conversations were saved (a reply that was being written is kept as stopped). Start Rose again to go on. Details are in the log: ${options.logDir}`,
            fatal: true,
          });
        } catch (tellError) {
          options.log(`could not show the error: ${describe(tellError).summary}`);
        }
        options.exit(1);
      })();
      return fatal;
    },

    /** `process.on('unhandledRejection')`. */
    unhandledRejection(reason: unknown): void {
      const { summary, details } = describe(reason);
      options.log(`unhandled promise rejection (Rose keeps running): ${details}`);
      if (fatal !== null) return;
      const at = now();
      if (lastNotice !== null && at - lastNotice < REJECTION_NOTICE_INTERVAL_MS) return;
      lastNotice = at;
      void Promise.resolve()
        .then(() =>
          options.tell({
            title: 'Something went wrong inside Rose',
            message: `${summary}\n\nRose keeps running and your conversations are saved. If something looks wrong, restart Rose. Details are in the log: ${options.logDir}`,
            fatal: false,
          }),
        )
        .catch((tellError: unknown) =>
          options.log(`could not show the error: ${describe(tellError).summary}`),
        );
    },

    get closingDown(): boolean {
      return fatal !== null;
    },
  };
}
