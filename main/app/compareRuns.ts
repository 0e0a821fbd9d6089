import { UserError } from '../../shared/errors.js';

/**
 * The comparisons running now, by compare id, so `app:compare.stop` (from any window or
 * transport) can end one. Each holds the stop signal its engine calls listen to.
 */
export class CompareRuns {
  private readonly running = new Map<string, AbortController>();

  /** Run `work` under a fresh stop signal registered as `compareId`. */
  async run<T>(compareId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.running.has(compareId))
      throw new UserError('compare-busy', `A comparison with the id ${compareId} is already running.`);
    const controller = new AbortController();
    this.running.set(compareId, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.running.delete(compareId);
    }
  }

  /** Ask the comparison `compareId` to stop; false when none is running. */
  stop(compareId: string): boolean {
    const controller = this.running.get(compareId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  stopAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
