import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename } from 'node:path';
import type { CompletionResult } from '../../../shared/contract/index.js';
import type { LocalModel } from '../../../shared/models.js';
import type { Rose } from '../../app/createRose.js';
import type { ApiKeyRecord, ApiKeys } from '../../services/apiKeys.js';
import { ApiQueue, QueueFullError } from './apiQueue.js';
import { type ApiError, fromContractError, sendError } from './openaiErrors.js';
import {
  ApiRequestError,
  type ChatCompletionBody,
  type CompletionBody,
  chatCompletionBody,
  chatMessagesOf,
  completionBody,
  parseBody,
  promptMessagesOf,
  toCompletionInput,
} from './openaiRequest.js';
import {
  type ApiKind,
  completionResponse,
  modelList,
  type ResponseIds,
  streamChunk,
  usageChunk,
} from './openaiResponses.js';

/** The path prefix of the OpenAI-compatible API. */
export const API_PATH = '/v1';
/** Largest request body (a long conversation is well under this). */
export const API_BODY_MAX_BYTES = 4 * 1024 * 1024;
/** Requests that may wait for their turn; the next one is told to retry (429). */
export const API_QUEUE_MAX = 8;
/** What a 429 tells the client to wait before trying again, in seconds. */
const RETRY_AFTER_SECONDS = 2;

export type OpenAiApiOptions = {
  rose: Pick<Rose, 'handlers' | 'events'>;
  keys: Pick<ApiKeys, 'verify'>;
  /** Browser origins allowed to call the API (CORS); empty: none, as a local API should be by default. */
  corsOrigins?: readonly string[];
  queueMax?: number;
};

/**
 * `/v1/models`, `/v1/chat/completions` and `/v1/completions` as OpenAI's clients speak them. Each
 * completion becomes one `app:completions.create` call — the same validation, policy check and
 * engine as chat — so nothing a client sends can turn ROSE off where the policy requires it.
 */
export function createOpenAiApi(options: OpenAiApiOptions) {
  const queue = new ApiQueue(options.queueMax ?? API_QUEUE_MAX);
  const corsOrigins = new Set(options.corsOrigins ?? []);

  async function handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const origin = request.headers.origin;
    if (origin !== undefined) {
      // A web page may not drive the API unless its origin was listed (`--api-cors`).
      if (!corsOrigins.has(origin))
        return sendError(response, {
          status: 403,
          message: `requests from ${origin} are not allowed`,
          code: 'origin_not_allowed',
        });
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Vary', 'Origin');
      if (request.method === 'OPTIONS') {
        response.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, POST',
          'Access-Control-Allow-Headers': 'Authorization, Content-Type',
          'Access-Control-Max-Age': '600',
        });
        return void response.end();
      }
    }
    const client = authenticate(request);
    if ('status' in client) return sendError(response, client);

    const route = `${request.method} ${path}`;
    if (route === `GET ${API_PATH}/models`) return sendJson(response, 200, modelList(await models()));
    if (route === `POST ${API_PATH}/chat/completions`) return complete('chat', request, response, client);
    if (route === `POST ${API_PATH}/completions`) return complete('text', request, response, client);
    const known = [`${API_PATH}/models`, `${API_PATH}/chat/completions`, `${API_PATH}/completions`];
    if (known.includes(path))
      return sendError(response, {
        status: 405,
        message: `${request.method} is not allowed on ${path}`,
        code: 'method_not_allowed',
      });
    return sendError(response, { status: 404, message: `Rose has no endpoint ${path}`, code: 'unknown_url' });
  }

  function authenticate(request: IncomingMessage): ApiKeyRecord | ApiError {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match)
      return {
        status: 401,
        message:
          'Rose needs an API key: send "Authorization: Bearer <key>" (rose serve --api prints one; rose api-key new makes more).',
        code: 'missing_api_key',
      };
    return (
      options.keys.verify(match[1]!) ?? {
        status: 401,
        message: 'This API key is not valid or was revoked.',
        code: 'invalid_api_key',
      }
    );
  }

  async function models(): Promise<LocalModel[]> {
    const listed = await options.rose.handlers['app:models.list']({});
    if (!listed.ok) throw new Error(listed.error.message);
    return listed.value.filter((model) => model.missing !== true);
  }

  /** A model by its id, its file name, or its file name without `.gguf`. */
  async function resolveModel(name: string): Promise<LocalModel | null> {
    return (
      (await models()).find(
        (model) =>
          model.id === name || basename(model.path) === name || basename(model.path, '.gguf') === name,
      ) ?? null
    );
  }

  async function complete(
    kind: ApiKind,
    request: IncomingMessage,
    response: ServerResponse,
    client: ApiKeyRecord,
  ) {
    const raw = await readJson(request);
    if ('status' in raw) return sendError(response, raw);
    let input: ReturnType<typeof toCompletionInput>;
    let stream = false;
    let includeUsage = false;
    let ids: ResponseIds;
    try {
      let body: ChatCompletionBody | CompletionBody;
      let messages: ReturnType<typeof chatMessagesOf>;
      if (kind === 'chat') {
        const chat = parseBody(chatCompletionBody, raw.value);
        [body, messages] = [chat, chatMessagesOf(chat)];
      } else {
        const text = parseBody(completionBody, raw.value);
        [body, messages] = [text, promptMessagesOf(text)];
      }
      const model = await resolveModel(body.model);
      if (!model)
        return sendError(response, {
          status: 404,
          message: `The model '${body.model}' does not exist here; GET /v1/models lists the ones Rose has.`,
          param: 'model',
          code: 'model_not_found',
        });
      const completionId = `${kind === 'chat' ? 'chatcmpl' : 'cmpl'}-${randomUUID()}`;
      input = toCompletionInput(body, messages, { completionId, modelId: model.id, client: client.id });
      stream = body.stream === true;
      includeUsage = body.stream_options?.include_usage === true;
      ids = { id: completionId, created: Math.floor(Date.now() / 1000), model: model.id };
    } catch (error) {
      if (error instanceof ApiRequestError)
        return sendError(response, {
          status: error.status,
          message: error.message,
          param: error.param,
          code: error.code,
        });
      throw error;
    }

    // A client that goes away gives up its place in the queue, or stops its generation.
    const gone = new AbortController();
    let running = false;
    response.on('close', () => {
      if (response.writableFinished) return;
      gone.abort(new Error('the client disconnected'));
      if (running) void options.rose.handlers['app:completions.cancel']({ completionId: ids.id });
    });

    let release: () => void;
    try {
      release = await queue.enter(gone.signal);
    } catch (error) {
      if (error instanceof QueueFullError)
        return sendError(
          response,
          { status: 429, message: `${error.message}; try again in a moment.`, code: 'rate_limit_exceeded' },
          { 'Retry-After': String(RETRY_AFTER_SECONDS) },
        );
      return; // the client left while waiting
    }
    const unsubscribe = stream ? streamDeltas(kind, response, ids) : () => {};
    try {
      running = true;
      const result = await options.rose.handlers['app:completions.create'](input);
      if (gone.signal.aborted) return;
      if (!result.ok) {
        const error = fromContractError(result.error);
        if (!response.headersSent) return sendError(response, error);
        return void response.end(
          `data: ${JSON.stringify({ error: { message: error.message, code: error.code } })}\n\n`,
        );
      }
      if (!stream) return sendJson(response, 200, completionResponse(kind, ids, result.value));
      finishStream(kind, response, ids, result.value, includeUsage);
    } finally {
      running = false;
      unsubscribe();
      release();
    }
  }

  /** Writes each delta of this completion as a server-sent event, opening the stream at the first. */
  function streamDeltas(kind: ApiKind, response: ServerResponse, ids: ResponseIds): () => void {
    return options.rose.events.subscribe((event) => {
      if (event.type !== 'completion.delta' || event.completionId !== ids.id || response.writableEnded)
        return;
      openStream(kind, response, ids);
      writeEvent(response, streamChunk(kind, ids, { text: event.text }));
    });
  }

  return { handle };
}

function openStream(kind: ApiKind, response: ServerResponse, ids: ResponseIds): void {
  if (response.headersSent) return;
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  if (kind === 'chat') writeEvent(response, streamChunk(kind, ids, { role: true }));
}

function finishStream(
  kind: ApiKind,
  response: ServerResponse,
  ids: ResponseIds,
  result: CompletionResult,
  includeUsage: boolean,
): void {
  openStream(kind, response, ids);
  writeEvent(response, streamChunk(kind, ids, { finishReason: result.finishReason }));
  if (includeUsage) writeEvent(response, usageChunk(kind, ids, result));
  response.end('data: [DONE]\n\n');
}

function writeEvent(response: ServerResponse, data: unknown): void {
  response.write(`data: ${JSON.stringify(data)}\n\n`);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

/** The body as JSON, or the error to send: too large (413) or not JSON (400). */
function readJson(request: IncomingMessage): Promise<{ value: unknown } | ApiError> {
  const tooLarge: ApiError = {
    status: 413,
    message: `The request body is larger than ${API_BODY_MAX_BYTES} bytes.`,
    code: 'body_too_large',
  };
  if (Number(request.headers['content-length'] ?? 0) > API_BODY_MAX_BYTES) {
    request.resume(); // drain it unread, so the answer still reaches the client
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= API_BODY_MAX_BYTES) chunks.push(chunk);
    });
    request.on('error', () =>
      resolve({ status: 400, message: 'The request body could not be read.', code: 'bad_body' }),
    );
    request.on('end', () => {
      if (size > API_BODY_MAX_BYTES) return resolve(tooLarge);
      try {
        resolve({ value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        resolve({ status: 400, message: 'The request body is not valid JSON.', code: 'invalid_json' });
      }
    });
  });
}
