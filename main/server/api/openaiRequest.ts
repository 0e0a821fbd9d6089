import { z } from 'zod';
import type { RequestOf } from '../../../shared/contract/index.js';

/**
 * The OpenAI request bodies Rose accepts, as the official clients send them. Unknown fields are
 * ignored (clients send many), wrong types are refused naming the field; the limits themselves
 * are the contract's, checked when the request becomes an `app:completions.create` call.
 */
const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });

const chatMessage = z.looseObject({
  // `developer` is what newer clients call the system role.
  role: z.enum(['system', 'developer', 'user', 'assistant']),
  content: z.union([z.string(), z.array(textPart)]).nullable(),
});

const roseExtension = z
  .looseObject({
    preset: z.union([z.int().positive(), z.string().min(1)]).optional(),
    alpha: z.number().optional(),
    beta: z.number().optional(),
    enabled: z.boolean().optional(),
  })
  .optional();

const common = {
  model: z.string().min(1),
  max_tokens: z.int().min(1).nullable().optional(),
  max_completion_tokens: z.int().min(1).nullable().optional(),
  temperature: z.number().min(0).nullable().optional(),
  top_p: z.number().nullable().optional(),
  seed: z.int().nullable().optional(),
  stop: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional(),
  n: z.int().nullable().optional(),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  rose: roseExtension,
};

export const chatCompletionBody = z.looseObject({ ...common, messages: z.array(chatMessage).min(1) });
export const completionBody = z.looseObject({
  ...common,
  prompt: z.union([z.string(), z.array(z.string()).length(1)]),
});

export type ChatCompletionBody = z.infer<typeof chatCompletionBody>;
export type CompletionBody = z.infer<typeof completionBody>;

/** A request the API refuses before it reaches the app, with the OpenAI error fields. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

/** Parse a body, or an ApiRequestError naming the first bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const param = issue.path.map(String).join('.') || null;
  throw new ApiRequestError(400, `${param ?? 'the request body'}: ${issue.message}`, param, 'invalid_value');
}

function text(content: string | Array<{ text: string }> | null): string {
  if (content === null) return '';
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

type ContractMessage = { role: 'system' | 'user' | 'assistant'; content: string };

/** A chat request's messages as the contract takes them (`developer` is the system role). */
export function chatMessagesOf(body: ChatCompletionBody): ContractMessage[] {
  return body.messages.map((m) => ({
    role: m.role === 'developer' ? ('system' as const) : m.role,
    content: text(m.content),
  }));
}

/** A plain completion's prompt as one user message (Rose always applies the chat template). */
export function promptMessagesOf(body: CompletionBody): ContractMessage[] {
  return [{ role: 'user', content: Array.isArray(body.prompt) ? (body.prompt[0] ?? '') : body.prompt }];
}

/** The contract call a chat or plain completion becomes (model resolved by the caller). */
export function toCompletionInput(
  body: ChatCompletionBody | CompletionBody,
  messages: ContractMessage[],
  ids: { completionId: string; modelId: string; client: string },
): RequestOf<'app:completions.create'> {
  if (body.n !== undefined && body.n !== null && body.n !== 1)
    throw new ApiRequestError(
      400,
      'Rose answers one choice per request: n must be 1',
      'n',
      'unsupported_value',
    );
  const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? undefined;
  const sampling = {
    ...(body.temperature != null ? { temperature: body.temperature } : {}),
    ...(body.top_p != null ? { topP: body.top_p } : {}),
    ...(body.seed != null ? { seed: body.seed } : {}),
  };
  const stop = body.stop == null ? undefined : typeof body.stop === 'string' ? [body.stop] : body.stop;
  return {
    completionId: ids.completionId,
    client: ids.client,
    messages,
    modelId: ids.modelId,
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    ...(Object.keys(sampling).length > 0 ? { sampling } : {}),
    ...(stop !== undefined ? { stop } : {}),
    ...(body.rose?.preset !== undefined ? { preset: body.rose.preset } : {}),
    ...(body.rose?.alpha !== undefined ? { alpha: body.rose.alpha } : {}),
    ...(body.rose?.beta !== undefined ? { beta: body.rose.beta } : {}),
    ...(body.rose?.enabled !== undefined ? { roseEnabled: body.rose.enabled } : {}),
  };
}

/** The request's contract field names mapped back to the OpenAI ones, for `param` in errors. */
export const openaiParamOf: Record<string, string> = {
  maxTokens: 'max_tokens',
  'sampling.temperature': 'temperature',
  'sampling.topP': 'top_p',
  'sampling.seed': 'seed',
  stop: 'stop',
  alpha: 'rose.alpha',
  beta: 'rose.beta',
  roseEnabled: 'rose.enabled',
  preset: 'rose.preset',
  messages: 'messages',
};
