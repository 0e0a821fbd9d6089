/**
 * Collects items and hands them over once per animation frame, so a burst of token deltas costs
 * one render, not one per delta. `schedule` is injectable so tests can step frames by hand.
 */
export type FrameScheduler = (callback: () => void) => void;

export const animationFrame: FrameScheduler = (callback) => {
  if (typeof requestAnimationFrame === 'function' && document.visibilityState !== 'hidden') {
    requestAnimationFrame(() => callback());
  } else {
    // Hidden tabs get no animation frames; keep the reply moving anyway.
    setTimeout(callback, 50);
  }
};

export function createFrameBatcher<T>(
  flush: (items: T[]) => void,
  schedule: FrameScheduler = animationFrame,
) {
  let queue: T[] = [];
  let scheduled = false;
  const run = () => {
    scheduled = false;
    const items = queue;
    queue = [];
    if (items.length > 0) flush(items);
  };
  return {
    push(item: T) {
      queue.push(item);
      if (scheduled) return;
      scheduled = true;
      schedule(run);
    },
    /** Apply what is queued now (e.g. before the conversation is reloaded). */
    flushNow: run,
  };
}
