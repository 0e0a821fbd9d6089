import type { Message, MessageId, MessageStatus, Provenance, SteeredSpan } from '../../shared/domain.js';
import type { Db } from '../db/database.js';
import * as messagesRepo from '../db/messagesRepo.js';
import type { EngineEvent, GenerationStats } from '../engine/types.js';

/** What the writer reports besides the engine's own events. */
export type SavedEvent = { type: 'saved'; messageId: MessageId; chars: number };

export type WriteReplyOptions = {
  db: Db;
  messageId: MessageId;
  events: AsyncIterable<EngineEvent>;
  /** How often streamed text is written while it grows (the crash-loss window). */
  saveIntervalMs: number;
  now: () => number;
  onEvent: (event: EngineEvent | SavedEvent) => void;
  /** Stop requested by the user: `requestStop` is called once; the reply ends `stopped`. */
  signal?: AbortSignal;
  requestStop?: (generationId: string | null) => boolean;
  /** Continue: the reply so far, which the new text extends (its figures are added to). */
  continueFrom?: { text: string; generated: number; steered: number; steering?: SteeredSpan[] };
};

/**
 * Consume one generation's events into the stored assistant message: text saved every
 * `saveIntervalMs` while it streams, then the final text, status and engine figures.
 * Whatever happens (engine error, crash of the stream, user stop) the message leaves `streaming`.
 */
export async function writeReply(options: WriteReplyOptions): Promise<Message> {
  const { db, messageId, onEvent } = options;
  const before = options.continueFrom ?? { text: '', generated: 0, steered: 0 };
  let text = before.text;
  let savedLength = text.length;
  let generationId: string | null = null;
  let outcome: {
    status: Exclude<MessageStatus, 'streaming'>;
    error: string | null;
    stats: GenerationStats | null;
  } | null = null;

  const save = () => {
    if (text.length === savedLength) return;
    messagesRepo.saveStreamingText(db, messageId, text, options.now());
    savedLength = text.length;
    onEvent({ type: 'saved', messageId, chars: text.length });
  };
  const timer = setInterval(save, options.saveIntervalMs);

  let stopHandledByEngine = false;
  let stopRequested = false;
  const onAbort = () => {
    stopRequested = true;
    stopHandledByEngine = options.requestStop?.(generationId) ?? false;
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  try {
    for await (const event of options.events) {
      onEvent(event);
      if (event.type === 'started') {
        generationId = event.generationId;
        messagesRepo.saveLogitsSource(db, messageId, event.logitsSource);
      } else if (event.type === 'delta') {
        text += event.text;
      } else if (event.type === 'done') {
        outcome = { status: 'complete', error: null, stats: event.stats };
        break;
      } else if (event.type === 'aborted') {
        outcome = { status: 'stopped', error: null, stats: event.stats };
        break;
      } else if (event.type === 'error') {
        outcome = { status: 'error', error: event.message, stats: null };
        break;
      }
      // Without an engine that can be told to stop, leaving the stream is the stop.
      if (stopRequested && !stopHandledByEngine) {
        outcome = { status: 'stopped', error: null, stats: null };
        break;
      }
    }
    outcome ??= stopRequested
      ? { status: 'stopped', error: null, stats: null }
      : { status: 'error', error: 'the engine ended the reply without finishing it', stats: null };
  } catch (error) {
    outcome = { status: 'error', error: (error as Error).message, stats: null };
  } finally {
    clearInterval(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }

  const stats = outcome.stats;
  return messagesRepo.finishMessage(db, messageId, {
    // The engine's final text is authoritative (it may trim a partial stop sequence).
    text: stats ? before.text + stats.text : text,
    status: outcome.status,
    errorMessage: outcome.error,
    at: options.now(),
    engine: stats && engineFigures(stats, before),
  });
}

function engineFigures(
  stats: GenerationStats,
  before: { text: string; generated: number; steered: number; steering?: SteeredSpan[] },
): Pick<
  Provenance,
  'logitsSource' | 'steered' | 'generated' | 'timings' | 'stopReason' | 'context' | 'steering'
> {
  // A continued reply's new spans sit after the text it already had.
  const shift = before.text.length;
  return {
    logitsSource: stats.logitsSource,
    steered: before.steered + stats.steered,
    steering: [
      ...(before.steering ?? []),
      ...stats.steering.map((span) => ({ ...span, start: span.start + shift, end: span.end + shift })),
    ],
    generated: before.generated + stats.generated,
    timings: { ...stats.timings },
    stopReason: stats.stopReason,
    context: {
      size: stats.contextSize,
      promptTokens: stats.promptTokens,
      droppedTurns: stats.droppedTurns,
      shortenedLastTurn: stats.shortenedLastTurn,
    },
  };
}
