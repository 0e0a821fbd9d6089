import type { Message, MessageId, MessageStatus, Provenance, SteeredSpan } from '../../shared/domain.js';
import type { Db } from '../db/database.js';
import * as messagesRepo from '../db/messagesRepo.js';
import type { EngineEvent, GenerationStats } from '../engine/types.js';
import { isDiskFull, REPLY_DISK_FULL_MESSAGE } from './storageErrors.js';

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
  /** Told once when a save fails (the disk is full or the file cannot be written); it must not throw. */
  onSaveFailed?: (error: unknown) => void;
  /** Continue: the reply so far, which the new text extends (its figures are added to). */
  continueFrom?: { text: string; generated: number; steered: number; steering?: SteeredSpan[] };
};

/**
 * Consume one generation's events into the stored assistant message: text saved every
 * `saveIntervalMs` while it streams, then the final text, status and engine figures.
 * Whatever happens (engine error, crash of the stream, user stop) the message leaves `streaming`.
 * A save that fails (a full disk above all) never throws out of the timer: the generation is
 * stopped, the reply is marked `error` with what to do, and the text already saved stays.
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

  // Set when a write failed: no more saves, the generation is stopped and the reply ends `error`.
  let saveFailure: unknown = null;
  const save = () => {
    if (text.length === savedLength || saveFailure !== null) return;
    try {
      messagesRepo.saveStreamingText(db, messageId, text, options.now());
    } catch (error) {
      // This runs in a timer: an exception here would escape to the process and end it.
      saveFailure = error;
      options.onSaveFailed?.(error);
      onAbort();
      return;
    }
    savedLength = text.length;
    onEvent({ type: 'saved', messageId, chars: text.length });
  };
  const timer = setInterval(save, options.saveIntervalMs);

  let stopHandledByEngine = false;
  let stopRequested = false;
  function onAbort() {
    if (stopRequested) return;
    stopRequested = true;
    stopHandledByEngine = options.requestStop?.(generationId) ?? false;
  }
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  try {
    for await (const event of options.events) {
      onEvent(event);
      if (event.type === 'started') {
        generationId = event.generationId;
        try {
          messagesRepo.saveLogitsSource(db, messageId, event.logitsSource);
        } catch (error) {
          saveFailure = error;
          options.onSaveFailed?.(error);
          onAbort();
        }
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

  if (saveFailure !== null) {
    outcome = { status: 'error', error: failureMessage(saveFailure), stats: null };
  }
  const stats = outcome.stats;
  const finish: messagesRepo.Finish = {
    // The engine's final text is authoritative (it may trim a partial stop sequence).
    text: saveFailure !== null ? text.slice(0, savedLength) : stats ? before.text + stats.text : text,
    status: outcome.status,
    errorMessage: outcome.error,
    at: options.now(),
    engine: stats && engineFigures(stats, before),
  };
  try {
    return messagesRepo.finishMessage(db, messageId, finish);
  } catch (error) {
    options.onSaveFailed?.(error);
    return finishWithoutSpace(db, messageId, error, finish);
  }
}

function failureMessage(error: unknown): string {
  if (isDiskFull(error)) return REPLY_DISK_FULL_MESSAGE;
  return `the reply could not be saved (${(error as Error)?.message ?? String(error)}); press Continue or Regenerate`;
}

/** How often a reply that could not be marked on a full disk is tried again. */
export const MARK_RETRY_MS = 1000;

/**
 * The final write failed. Mark the reply `error` without its new text (the smallest change,
 * which may still fit). When even that fails the row stays as last saved and `streaming`: it is
 * tried again in the background until space returns (the next start would mark it `interrupted`),
 * and the caller gets the reply as it will be stored.
 */
function finishWithoutSpace(
  db: Db,
  messageId: MessageId,
  error: unknown,
  finish: messagesRepo.Finish,
): Message {
  const errorMessage = failureMessage(error);
  try {
    return messagesRepo.markFailed(db, messageId, errorMessage, finish.at);
  } catch (markError) {
    const stored = messagesRepo.getMessage(db, messageId);
    if (!stored) throw error;
    if (isDiskFull(markError)) retryMark(db, messageId, errorMessage, finish.at);
    return { ...stored, status: 'error', errorMessage };
  }
}

function retryMark(db: Db, messageId: MessageId, errorMessage: string, at: number): void {
  const timer = setInterval(() => {
    try {
      if (db.open && messagesRepo.getMessage(db, messageId)?.status === 'streaming')
        messagesRepo.markFailed(db, messageId, errorMessage, at);
      clearInterval(timer);
    } catch (error) {
      if (!isDiskFull(error)) clearInterval(timer);
    }
  }, MARK_RETRY_MS);
  timer.unref();
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
