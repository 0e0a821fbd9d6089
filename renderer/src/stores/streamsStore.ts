import type { MessageId } from '../../../shared/domain.js';
import { createStore } from './createStore.js';
import { createFrameBatcher, type FrameScheduler } from './frameBatcher.js';
import {
  applyStreamEvent,
  beginStream,
  type ChatStreamEvent,
  emptyStream,
  type ReplyStream,
} from './streamReducer.js';

/** Replies being written (and just finished), by assistant message id. */
export type StreamsState = Readonly<Record<number, ReplyStream>>;

/** Apply a frame's worth of events to every reply they concern; untouched replies keep identity. */
export function applyToStreams(state: StreamsState, events: readonly ChatStreamEvent[]): StreamsState {
  let next: Record<number, ReplyStream> | null = null;
  for (const event of events) {
    const current = (next ?? state)[event.messageId] ?? emptyStream;
    const updated = applyStreamEvent(current, event);
    if (updated === current && event.messageId in (next ?? state)) continue;
    next ??= { ...state };
    next[event.messageId] = updated;
  }
  return next ?? state;
}

export function createStreamsStore(schedule?: FrameScheduler) {
  const store = createStore<StreamsState>({});
  const batcher = createFrameBatcher<ChatStreamEvent>(
    (events) => store.set((state) => applyToStreams(state, events)),
    schedule,
  );
  return {
    ...store,
    /** Queue an event; it is applied with the others of the same animation frame. */
    receive: (event: ChatStreamEvent) => batcher.push(event),
    flushNow: batcher.flushNow,
    /**
     * A reply was stored and is about to stream: start it afresh (a continued reply was finished
     * before) from the text it already has.
     */
    begin(messageId: MessageId, base: string) {
      batcher.flushNow();
      store.set((state) => ({ ...state, [messageId]: beginStream(base) }));
    },
    /** Forget a finished reply once the conversation view holds its stored message. */
    forget(messageId: MessageId) {
      store.set((state) => {
        if (!(messageId in state)) return state;
        const { [messageId]: _, ...rest } = state;
        return rest;
      });
    },
  };
}

export type StreamsStore = ReturnType<typeof createStreamsStore>;
