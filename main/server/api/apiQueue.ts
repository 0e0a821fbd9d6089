/**
 * Fair, bounded admission for API completions: one runs at a time (the engine has one model and
 * answers one generation at a time anyway), the rest wait first come, first served, and a request
 * that finds the waiting room full is told to come back (429) instead of piling up. Because the
 * API holds at most one place in the engine's own queue, the app's chat never waits behind more
 * than one API answer.
 */
export class QueueFullError extends Error {
  constructor(readonly waiting: number) {
    super(`Rose is busy: ${waiting} requests are already waiting`);
  }
}

export class ApiQueue {
  private active = false;
  private readonly waiting: Array<{ start: () => void; abandon: () => void }> = [];

  constructor(private readonly maxWaiting: number) {}

  get length(): number {
    return this.waiting.length + (this.active ? 1 : 0);
  }

  /**
   * Wait for a turn; resolves with the function that ends it. Throws QueueFullError at once when
   * the waiting room is full, and rejects with the signal's reason when the client goes away first.
   */
  enter(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (!this.active) {
      this.active = true;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.maxWaiting)
      return Promise.reject(new QueueFullError(this.waiting.length));
    return new Promise((resolve, reject) => {
      const entry = {
        start: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(this.releaser());
        },
        abandon: () => reject(signal.reason),
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(entry);
        if (index >= 0) this.waiting.splice(index, 1);
        entry.abandon();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.start();
      else this.active = false;
    };
  }
}
