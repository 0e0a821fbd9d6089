import type { Rose } from '../../main/app/createRose.js';
import type { RoseEvent } from '../../shared/contract/index.js';

/** Collects events and resolves when one matches. */
export function recorder(rose: Rose) {
  const events: RoseEvent[] = [];
  const waiters: Array<{ match: (e: RoseEvent) => boolean; resolve: (e: RoseEvent) => void }> = [];
  rose.events.subscribe((event) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.match(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  const waitFor = (match: (e: RoseEvent) => boolean) => {
    const seen = events.find(match);
    return seen
      ? Promise.resolve(seen)
      : new Promise<RoseEvent>((resolve) => waiters.push({ match, resolve }));
  };
  return { events, waitFor };
}

export const finishedFor = (messageId: number) => (e: RoseEvent) =>
  e.type === 'chat.finished' && e.messageId === messageId;
