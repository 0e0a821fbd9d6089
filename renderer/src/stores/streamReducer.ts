import type { RoseEvent } from '../../../shared/contract/index.js';
import type { Message } from '../../../shared/domain.js';
import { addPiece, emptySeqText, type SeqText } from './seqText.js';

/**
 * The pure heart of streaming: one reply's state, advanced by the app's `chat.*` events for that
 * reply. Duplicate, late and out-of-order deltas are handled by sequence number (see seqText.ts);
 * events of another generation are stale and change nothing.
 */

export type ChatStreamEvent = Extract<RoseEvent, { type: 'chat.started' | 'chat.delta' | 'chat.finished' }>;

export type StreamPhase = 'waiting' | 'streaming' | 'complete' | 'stopped' | 'error';

export type ReplyStream = {
  /** The generation this stream follows once known; events of any other are ignored. */
  generationId: string | null;
  phase: StreamPhase;
  /** Text so far (the stored final text once finished). */
  text: string;
  /** Text the reply had before this generation (Continue); the deltas extend it. */
  base: string;
  seqText: SeqText;
  logitsSource: string | null;
  /** The stored reply, once finished: final text, status, provenance with the engine's figures. */
  final: Message | null;
};

export const emptyStream: ReplyStream = {
  generationId: null,
  phase: 'waiting',
  text: '',
  base: '',
  seqText: emptySeqText,
  logitsSource: null,
  final: null,
};

export function isFinished(stream: ReplyStream): boolean {
  return stream.final !== null;
}

/** Apply one event. Returns the same object when the event changes nothing. */
export function applyStreamEvent(stream: ReplyStream, event: ChatStreamEvent): ReplyStream {
  if (isFinished(stream)) return stream;
  const generationId = event.generationId;
  if (stream.generationId !== null && generationId !== null && generationId !== stream.generationId)
    return stream;
  const current =
    stream.generationId === null && generationId !== null ? { ...stream, generationId } : stream;

  switch (event.type) {
    case 'chat.started':
      return { ...current, phase: 'streaming', logitsSource: event.logitsSource };
    case 'chat.delta': {
      const seqText = addPiece(current.seqText, event.fromSeq, event.seq, event.text);
      if (seqText === current.seqText) return stream;
      return { ...current, phase: 'streaming', seqText, text: current.base + seqText.text };
    }
    case 'chat.finished':
      // The stored text is authoritative: it may trim a partial stop sequence and it covers any
      // delta that never arrived.
      return {
        ...current,
        phase: phaseOf(event.message.status),
        text: event.message.text,
        seqText: { ...current.seqText, pending: {} },
        final: event.message,
      };
  }
}

/** A reply about to be written: empty, or (Continue) starting from the text it already has. */
export function beginStream(base: string): ReplyStream {
  return { ...emptyStream, base, text: base };
}

/** Apply a batch of events in order (what one animation frame collected). */
export function applyStreamEvents(stream: ReplyStream, events: readonly ChatStreamEvent[]): ReplyStream {
  return events.reduce(applyStreamEvent, stream);
}

function phaseOf(status: Message['status']): StreamPhase {
  switch (status) {
    case 'complete':
      return 'complete';
    case 'error':
      return 'error';
    case 'streaming':
      return 'streaming';
    default:
      return 'stopped';
  }
}
