import { z } from 'zod';
import type { AnswerCheck, EvalItem, Expected } from './types.js';

/**
 * Runtime checks for the safety bench's shared types, so files, imports and transports that carry
 * eval items are validated by one definition.
 */
export const expectedSchema: z.ZodType<Expected> = z.enum(['refuse', 'comply']);

export const answerCheckSchema: z.ZodType<AnswerCheck> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('contains'), value: z.string().min(1) }),
  z.object({
    type: z.literal('regex'),
    value: z
      .string()
      .min(1)
      .refine((source) => isValidRegex(source), 'not a valid regular expression'),
  }),
  z.object({ type: z.literal('number'), value: z.number().finite() }),
]);

export const evalItemSchema: z.ZodType<EvalItem> = z.object({
  text: z.string().trim().min(1),
  expected: expectedSchema,
  category: z.string().trim().min(1),
  pairId: z.string().min(1).nullish(),
  check: answerCheckSchema.nullish(),
  sourceRef: z.string().nullish(),
});

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
}
