import type { RoseEvent } from '../../shared/contract/index.js';

type Delta = Extract<RoseEvent, { type: 'chat.delta' | 'compare.delta' }>;

/** Default hold time for token deltas: about two display frames. */
export const COALESCE_MS = 25;

/**
 * Merges bursts of token deltas before they cross a transport: consecutive deltas of the same
 * stream are sent as one (text joined, `fromSeq`..`seq` kept) at most every `intervalMs`. Any
 * other event first sends what is held, so order is kept and `chat.finished` never overtakes text.
 */
export function createEventCoalescer(send: (event: RoseEvent) => void, intervalMs = COALESCE_MS) {
  let held: Delta | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const event = held;
    held = null;
    if (event) send(event);
  };

  return {
    push(event: RoseEvent): void {
      if (event.type !== 'chat.delta' && event.type !== 'compare.delta') {
        flush();
        send(event);
        return;
      }
      if (held && continues(held, event)) {
        held = { ...held, seq: event.seq, text: held.text + event.text } as Delta;
        return;
      }
      flush();
      held = event;
      timer = setTimeout(flush, intervalMs);
    },
    /** Send what is held now (before closing a connection). */
    flush,
  };
}

/** True when `next` is the very next piece of the same stream as `held`. */
function continues(held: Delta, next: Delta): boolean {
  if (next.fromSeq !== held.seq + 1) return false;
  if (held.type === 'chat.delta' && next.type === 'chat.delta')
    return held.messageId === next.messageId && held.generationId === next.generationId;
  if (held.type === 'compare.delta' && next.type === 'compare.delta')
    return held.compareId === next.compareId && held.side === next.side;
  return false;
}
