import type { CompletionResult } from '../../../shared/contract/index.js';

/**
 * The response shapes of OpenAI's chat and text completion endpoints, as the official clients
 * read them, plus Rose's own `rose` object (what ROSE did for this answer).
 */
export type ApiKind = 'chat' | 'text';

export type ResponseIds = { id: string; created: number; model: string };

function usageOf(result: CompletionResult) {
  const { promptTokens, completionTokens } = result.usage;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

function roseOf(result: CompletionResult) {
  const { enabled, alpha, beta, preset, steered, generated, logitsSource } = result.rose;
  return { enabled, alpha, beta, preset, steered, generated, logitsSource };
}

export function completionResponse(kind: ApiKind, ids: ResponseIds, result: CompletionResult) {
  const choice =
    kind === 'chat'
      ? {
          index: 0,
          message: { role: 'assistant', content: result.text, refusal: null },
          finish_reason: result.finishReason,
          logprobs: null,
        }
      : { index: 0, text: result.text, finish_reason: result.finishReason, logprobs: null };
  return {
    id: ids.id,
    object: kind === 'chat' ? 'chat.completion' : 'text_completion',
    created: ids.created,
    model: ids.model,
    choices: [choice],
    usage: usageOf(result),
    rose: roseOf(result),
  };
}

/** One streamed piece: text, the opening role (chat), or the closing finish reason. */
export function streamChunk(
  kind: ApiKind,
  ids: ResponseIds,
  piece: { text?: string; role?: true; finishReason?: CompletionResult['finishReason'] },
) {
  const finish_reason = piece.finishReason ?? null;
  const choice =
    kind === 'chat'
      ? {
          index: 0,
          delta: piece.role
            ? { role: 'assistant', content: '' }
            : piece.text === undefined
              ? {}
              : { content: piece.text },
          finish_reason,
          logprobs: null,
        }
      : { index: 0, text: piece.text ?? '', finish_reason, logprobs: null };
  return {
    id: ids.id,
    object: kind === 'chat' ? 'chat.completion.chunk' : 'text_completion',
    created: ids.created,
    model: ids.model,
    choices: [choice],
  };
}

/** The last chunk when the client asked for `stream_options.include_usage`: no choices, the usage. */
export function usageChunk(kind: ApiKind, ids: ResponseIds, result: CompletionResult) {
  return {
    id: ids.id,
    object: kind === 'chat' ? 'chat.completion.chunk' : 'text_completion',
    created: ids.created,
    model: ids.model,
    choices: [],
    usage: usageOf(result),
    rose: roseOf(result),
  };
}

export function modelList(models: ReadonlyArray<{ id: string; addedAt: string }>) {
  return {
    object: 'list',
    data: models.map((model) => ({
      id: model.id,
      object: 'model',
      created: Math.floor(Date.parse(model.addedAt) / 1000),
      owned_by: 'rose',
    })),
  };
}
