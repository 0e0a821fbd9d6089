import { z } from 'zod';
import type { Conversation, ConversationId, Message, MessageId } from '../domain.js';
import type { DownloadEvent } from '../models.js';
import type { EvalGuardProgress, EvalProgress } from '../eval/runs.js';
import type { LoadedModel } from './models.js';

/**
 * Events the app pushes to every connected window. A reply streams as: `chat.stored`, then
 * `chat.started`, `chat.delta`*, then exactly one `chat.finished`. Deltas carry the engine's
 * per-generation sequence numbers (0, 1, 2…); a transport may merge consecutive deltas into one
 * covering `fromSeq`..`seq`, so a client applies a delta when `fromSeq` is the next number it
 * expects, ignores ones it has already applied and holds back ones that arrive early.
 */
export type RoseEvent =
  | {
      type: 'chat.stored';
      conversation: Conversation;
      userMessage: Message | null;
      assistantMessage: Message;
    }
  | {
      type: 'chat.started';
      conversationId: ConversationId;
      messageId: MessageId;
      generationId: string;
      /** 'ffi' or 'api'. */
      logitsSource: string;
      promptTokens: number;
    }
  | {
      type: 'chat.delta';
      conversationId: ConversationId;
      messageId: MessageId;
      generationId: string;
      /** First and last engine sequence number this text covers (equal when not merged). */
      fromSeq: number;
      seq: number;
      text: string;
    }
  | {
      type: 'chat.finished';
      conversationId: ConversationId;
      messageId: MessageId;
      /** null when the reply failed before the engine started. */
      generationId: string | null;
      /** Sequence number of the last delta sent; -1 when there was none. */
      lastSeq: number;
      /** The stored reply: final text, status (complete, stopped, error) and provenance. */
      message: Message;
    }
  | {
      type: 'compare.delta';
      compareId: string;
      /** 0 = left column, 1 = right column. */
      side: 0 | 1;
      fromSeq: number;
      seq: number;
      text: string;
    }
  | {
      type: 'completion.delta';
      completionId: string;
      fromSeq: number;
      seq: number;
      text: string;
    }
  | { type: 'model.loading'; path: string; fraction: number }
  | { type: 'model.loaded'; model: LoadedModel }
  /** The loaded model was unloaded (its entry was removed): nothing is loaded now. */
  | { type: 'model.unloaded'; path: string }
  | { type: 'download'; event: DownloadEvent }
  /** The effective policy changed (a policy file, the registry or the family lock): ask `app:policy.get`. */
  | { type: 'policy.changed' }
  /** A safety-bench run stored an answer, started, or stopped (status finished, cancelled, failed). */
  | ({ type: 'eval.progress' } & EvalProgress)
  /** A guard model judging a run's answers: each answer judged, then finished or failed. */
  | ({ type: 'eval.guard' } & EvalGuardProgress);

/** Events every window shows; API completions stream only to the HTTP client that asked. */
export function isWindowEvent(event: RoseEvent): boolean {
  return event.type !== 'completion.delta';
}

/** The event type names, for a client's switch. */
export type RoseEventType = RoseEvent['type'];

const id = z.int().positive();
const seq = z.int().min(0);

const messageSchema = z.looseObject({
  id,
  conversationId: id,
  parentId: id.nullable(),
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  status: z.enum(['complete', 'streaming', 'stopped', 'interrupted', 'error']),
  errorMessage: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  provenance: z.looseObject({}).nullable(),
});

const conversationSchema = z.looseObject({
  id,
  title: z.string(),
  pinned: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  activeLeafId: id.nullable(),
});

const chatRef = { conversationId: id, messageId: id };

/** Checks events on arrival (a browser client parsing socket messages). */
export const roseEventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('chat.stored'),
    conversation: conversationSchema,
    userMessage: messageSchema.nullable(),
    assistantMessage: messageSchema,
  }),
  z.looseObject({
    type: z.literal('chat.started'),
    ...chatRef,
    generationId: z.string(),
    logitsSource: z.string(),
    promptTokens: z.int().min(0),
  }),
  z.looseObject({
    type: z.literal('chat.delta'),
    ...chatRef,
    generationId: z.string(),
    fromSeq: seq,
    seq,
    text: z.string(),
  }),
  z.looseObject({
    type: z.literal('chat.finished'),
    ...chatRef,
    generationId: z.string().nullable(),
    lastSeq: z.int().min(-1),
    message: messageSchema,
  }),
  z.looseObject({
    type: z.literal('compare.delta'),
    compareId: z.string(),
    side: z.union([z.literal(0), z.literal(1)]),
    fromSeq: seq,
    seq,
    text: z.string(),
  }),
  z.looseObject({
    type: z.literal('completion.delta'),
    completionId: z.string(),
    fromSeq: seq,
    seq,
    text: z.string(),
  }),
  z.looseObject({ type: z.literal('model.loading'), path: z.string(), fraction: z.number().min(0).max(1) }),
  z.looseObject({
    type: z.literal('model.loaded'),
    model: z.looseObject({ path: z.string(), name: z.string() }),
  }),
  z.looseObject({ type: z.literal('model.unloaded'), path: z.string() }),
  z.looseObject({
    type: z.literal('download'),
    event: z.looseObject({ type: z.string(), downloadId: z.string() }),
  }),
  z.looseObject({ type: z.literal('policy.changed') }),
  z.looseObject({
    type: z.literal('eval.progress'),
    runId: id,
    status: z.enum(['running', 'cancelled', 'finished', 'failed', 'interrupted']),
    done: z.int().min(0),
    total: z.int().min(0),
    etaSeconds: z.number().min(0).nullable(),
  }),
  z.looseObject({
    type: z.literal('eval.guard'),
    runId: id,
    status: z.enum(['running', 'finished', 'failed']),
    done: z.int().min(0),
    total: z.int().min(0),
    error: z.string().nullable(),
  }),
]);

/** A received event, checked; null when it is not one (a client ignores it). */
export function parseRoseEvent(raw: unknown): RoseEvent | null {
  return roseEventSchema.safeParse(raw).success ? (raw as RoseEvent) : null;
}
