/**
 * One job at a time on the decoding engine. The worker holds one model and one two-sequence
 * context, so two replies (or a reply and a model load) must never run on it together: later
 * jobs wait their turn, in order.
 */
export class EngineGate {
  private tail: Promise<unknown> = Promise.resolve();
  private running = 0;

  /** True while a job runs or waits. */
  get busy(): boolean {
    return this.running > 0;
  }

  /** Resolves once no job runs or waits (a job queued meanwhile is waited for too). */
  async idle(): Promise<void> {
    while (this.running > 0) await this.tail.catch(() => {});
  }

  run<T>(job: () => Promise<T>): Promise<T> {
    this.running++;
    const result = this.tail.then(job);
    this.tail = result.then(
      () => this.running--,
      () => this.running--,
    );
    return result;
  }
}
