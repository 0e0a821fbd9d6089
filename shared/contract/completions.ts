import { z } from 'zod';
import { channel } from './channel.js';
import { generationOptionsShape, MESSAGE_MAX_CHARS, stopTextsField } from './fields.js';

/**
 * One-off completions that are not stored as chats: what the OpenAI-compatible API (`/v1`) turns
 * each request into. Like every channel they pass the contract's validation and the policy guard;
 * the text streams as `completion.delta` events for the caller that started it.
 */

/** Most messages one request may carry (a whole conversation sent by a client). */
export const COMPLETION_MESSAGES_MAX = 500;

const completionMessage = z.strictObject({
  role: z.enum(['system', 'user', 'assistant'], { error: "role must be 'system', 'user' or 'assistant'" }),
  content: z.string({ error: 'content must be text' }).max(MESSAGE_MAX_CHARS),
});

export type CompletionMessage = z.infer<typeof completionMessage>;

export const completionRequestSchema = z.strictObject({
  /** Chosen by the caller so it can cancel and match events before the answer arrives. */
  completionId: z.string().min(1).max(100),
  /** Who asked (the API key's id), for the audit log. */
  client: z.string().max(100).optional(),
  messages: z
    .array(completionMessage)
    .min(1, { error: 'messages must not be empty' })
    .max(COMPLETION_MESSAGES_MAX),
  /** A preset by id or key (`manual-reverse`); default: the built-in default preset. */
  preset: z.union([z.int().positive(), z.string().min(1).max(100)]).optional(),
  stop: stopTextsField.optional(),
  ...generationOptionsShape,
});

export type FinishReason = 'stop' | 'length';

export type CompletionResult = {
  completionId: string;
  text: string;
  finishReason: FinishReason;
  /** The model file that answered. */
  model: string;
  usage: { promptTokens: number; completionTokens: number };
  rose: {
    enabled: boolean;
    alpha: number;
    beta: number;
    /** The preset's key (built-ins) or id. */
    preset: string;
    steered: number;
    generated: number;
    logitsSource: string;
  };
};

export const completionChannels = {
  'app:completions.create': channel<CompletionResult>()(completionRequestSchema),
  'app:completions.cancel': channel<{ cancelled: boolean }>()(
    z.strictObject({ completionId: z.string().min(1).max(100) }),
  ),
};
