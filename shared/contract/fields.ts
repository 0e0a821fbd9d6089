import { z } from 'zod';
import { asConversationId, asMessageId, asPresetId, asPresetVersionId } from '../domain.js';
import {
  ALPHA_MAX,
  BETA_MAX,
  MAX_TOKENS_MAX,
  SEED_MAX,
  STOP_TEXT_MAX_CHARS,
  STOP_TEXTS_MAX,
  TEMPERATURE_MAX,
  TOP_K_MAX,
} from '../generationLimits.js';

/** Field schemas shared by several domains of the contract. */

const positiveId = (what: string) =>
  z.int({ error: `${what} must be a whole number` }).positive({ error: `${what} must be positive` });

export const conversationIdField = positiveId('the conversation id').transform(asConversationId);
export const messageIdField = positiveId('the message id').transform(asMessageId);
export const presetIdField = positiveId('the preset id').transform(asPresetId);
export const presetVersionIdField = positiveId('the preset version id').transform(asPresetVersionId);

/** A registered model's id, as listed by `app:models.list`. */
export const modelIdField = z
  .string({ error: 'the model id must be text' })
  .min(1, { error: 'the model id must not be empty' })
  .max(200, { error: 'the model id is too long' });

export const alphaField = z
  .number({ error: 'alpha must be a number' })
  .min(0, { error: 'alpha must be at least 0' })
  .max(ALPHA_MAX, { error: `alpha must be at most ${ALPHA_MAX}` });

export const betaField = z
  .number({ error: 'beta must be a number' })
  .min(0, { error: 'beta must be at least 0' })
  .max(BETA_MAX, { error: `beta must be at most ${BETA_MAX}` });

/** Longest message accepted (characters). */
export const MESSAGE_MAX_CHARS = 100_000;

export const messageTextField = z
  .string({ error: 'the message must be text' })
  .min(1, { error: 'the message must not be empty' })
  .max(MESSAGE_MAX_CHARS, { error: `the message is longer than ${MESSAGE_MAX_CHARS} characters` });

/** Longest conversation title (characters). */
export const TITLE_MAX_CHARS = 200;

export const conversationTitleField = z
  .string({ error: 'the title must be text' })
  .trim()
  .min(1, { error: 'the title must not be empty' })
  .max(TITLE_MAX_CHARS, { error: `the title is longer than ${TITLE_MAX_CHARS} characters` });

export const samplingField = z.strictObject({
  temperature: z.number().min(0).max(TEMPERATURE_MAX).optional(),
  topK: z.int().min(0).max(TOP_K_MAX).optional(),
  topP: z.number().gt(0).max(1).optional(),
  seed: z.int().min(0).max(SEED_MAX).optional(),
});

/** Texts that end a reply, besides the model's own end markers. */
export const stopTextsField = z
  .array(
    z
      .string({ error: 'a stop text must be text' })
      .min(1, { error: 'a stop text must not be empty' })
      .max(STOP_TEXT_MAX_CHARS, { error: `a stop text is at most ${STOP_TEXT_MAX_CHARS} characters` }),
  )
  .max(STOP_TEXTS_MAX, { error: `at most ${STOP_TEXTS_MAX} stop texts` });

/** A conversation's own sampling, max tokens and stop texts (see `ChatGeneration`). */
export const chatGenerationField = samplingField.extend({
  maxTokens: z.int().min(1).max(MAX_TOKENS_MAX).optional(),
  stop: stopTextsField.optional(),
});

/**
 * Per-request generation settings. The ones that belong to the conversation (model, preset
 * version, α, β, ROSE on/off) are remembered there for the next message.
 */
export const generationOptionsShape = {
  /** A registered model (from `app:models.list`); default: the conversation's, else the loaded one. */
  modelId: modelIdField.optional(),
  presetVersionId: presetVersionIdField.optional(),
  alpha: alphaField.optional(),
  beta: betaField.optional(),
  roseEnabled: z.boolean({ error: 'roseEnabled must be true or false' }).optional(),
  sampling: samplingField.optional(),
  maxTokens: z.int().min(1).max(MAX_TOKENS_MAX).optional(),
};

/** Input of channels that take nothing: `{}` or nothing at all. */
export const noInput = z.strictObject({}).default({});

/** Export results: a suggested file name and the text to save. */
export type ExportedFile = { fileName: string; text: string };
