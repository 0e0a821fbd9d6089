import { PARENT_IDLE_MINUTES } from '../../../shared/familyLimits.js';

/** A parent session ends after this long without a parent action. */
export const PARENT_IDLE_MS = PARENT_IDLE_MINUTES * 60_000;

/**
 * The parent session of this process: opened by the PIN, kept alive by parent actions, closed
 * after PARENT_IDLE_MS idle or by `lock()`. Timed on the monotonic clock, so changing the wall
 * clock neither ends nor extends it. It lives in memory only: a restart always starts locked.
 */
export class ParentSession {
  private lastUsed: number | null = null;

  constructor(private readonly monotonic: () => number) {}

  open(): void {
    this.lastUsed = this.monotonic();
  }

  close(): void {
    this.lastUsed = null;
  }

  active(): boolean {
    if (this.lastUsed === null) return false;
    if (this.monotonic() - this.lastUsed >= PARENT_IDLE_MS) this.lastUsed = null;
    return this.lastUsed !== null;
  }

  /** A parent action: true (and the idle time starts again) while the session is open. */
  touch(): boolean {
    if (!this.active()) return false;
    this.lastUsed = this.monotonic();
    return true;
  }
}
