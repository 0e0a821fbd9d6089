/**
 * Runs the app's cleanup once before Electron quits: the first `before-quit` is held back, the
 * cleanup (stop replies, free the model, close the database) runs, then the quit is repeated and
 * allowed through. A cleanup that hangs is given up after `timeoutMs` so the app always exits.
 */
export function createQuitGuard(options: {
  cleanup: () => Promise<void>;
  quit: () => void;
  timeoutMs: number;
  log: (message: string) => void;
}) {
  let state: 'running' | 'cleaning' | 'done' = 'running';
  return {
    /** The `before-quit` listener's body. */
    beforeQuit(event: { preventDefault(): void }): void {
      if (state === 'done') return;
      event.preventDefault();
      if (state === 'cleaning') return;
      state = 'cleaning';
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          options.log(`cleanup did not finish within ${options.timeoutMs} ms; quitting anyway`);
          resolve();
        }, options.timeoutMs);
      });
      const cleanup = Promise.resolve()
        .then(options.cleanup)
        .catch((error: unknown) =>
          options.log(`cleanup failed: ${error instanceof Error ? error.message : error}`),
        );
      void Promise.race([cleanup, timeout]).then(() => {
        clearTimeout(timer);
        state = 'done';
        options.quit();
      });
    },
    get done(): boolean {
      return state === 'done';
    },
  };
}
