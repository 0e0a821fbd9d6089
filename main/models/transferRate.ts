/**
 * Speed and time left from progress samples over a sliding window. ipull's own figure averages
 * over a fixed ten seconds, which reads far too low in a download's first seconds.
 */
export class TransferRate {
  private samples: { at: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 5000) {}

  /** Records that `bytes` were done at time `at` (ms) and returns the current estimate. */
  update(
    bytes: number,
    totalBytes: number,
    at: number,
  ): { bytesPerSecond: number; etaSeconds: number | null } {
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[1]!.at >= this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    const elapsedMs = at - first.at;
    const bytesPerSecond = elapsedMs > 0 ? Math.max(0, ((bytes - first.bytes) * 1000) / elapsedMs) : 0;
    const etaSeconds = bytesPerSecond > 0 ? Math.max(0, (totalBytes - bytes) / bytesPerSecond) : null;
    return { bytesPerSecond, etaSeconds };
  }
}
