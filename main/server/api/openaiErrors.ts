import type { ServerResponse } from 'node:http';
import type { ContractError } from '../../../shared/contract/index.js';
import { openaiParamOf } from './openaiRequest.js';

/** The `type` OpenAI's clients expect for each HTTP status. */
const TYPE_OF_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  409: 'conflict_error',
  413: 'invalid_request_error',
  429: 'rate_limit_error',
  500: 'server_error',
};

export type ApiError = { status: number; message: string; param?: string | null; code?: string | null };

/** The OpenAI error body: `{"error": {"message", "type", "param", "code"}}`. */
export function errorBody(error: ApiError) {
  return {
    error: {
      message: error.message,
      type: TYPE_OF_STATUS[error.status] ?? 'server_error',
      param: error.param ?? null,
      code: error.code ?? null,
    },
  };
}

export function sendError(
  response: ServerResponse,
  error: ApiError,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(errorBody(error));
  response.writeHead(error.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

/** Contract error codes that are the caller's to fix, and what status each one is. */
const STATUS_OF_CODE: Record<string, number> = {
  'invalid-request': 400,
  'bad-messages': 400,
  'policy-denied': 403,
  'preset-not-found': 404,
  'model-not-found': 404,
  'no-model': 404,
  'completion-id-in-use': 409,
  internal: 500,
};

/** A contract error as the API reports it: the status, and `param` in OpenAI's field names. */
export function fromContractError(error: ContractError): ApiError {
  const status = STATUS_OF_CODE[error.code] ?? (error.code.endsWith('-not-found') ? 404 : 500);
  const param = error.field === undefined ? null : (openaiParamOf[error.field] ?? error.field);
  // The contract names its own fields ("invalid request for app:…: sampling.topP …"); say the client's.
  const prefix = error.field === undefined ? null : error.message.indexOf(`: ${error.field} `);
  const message =
    prefix !== null && prefix >= 0 && param !== null
      ? `${param} ${error.message.slice(prefix + error.field!.length + 3)}`
      : error.message;
  return { status, message, param, code: error.code };
}
