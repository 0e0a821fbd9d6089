import { StatusCodeError } from 'ipull';
import { isUserError, UserError } from '../../shared/errors.js';

/** Turns what ipull or fetch threw into one clear line for the user. */
export function toTransferError(error: unknown, url: string, retries: number): UserError {
  if (isUserError(error)) return error;
  const host = safeHost(url);
  if (error instanceof StatusCodeError) return statusError(error.statusCode, error.statusText, url, retries);
  const cause = describeNetworkCause(error);
  return new UserError(
    'download-network-error',
    `could not download from ${host}: ${cause} (gave up after ${retries} retries). Check the connection and run the download again to resume.`,
  );
}

/** The error for an HTTP status that ends a download (after its retries, for 5xx and 429). */
export function statusError(status: number, statusText: string, url: string, retries: number): UserError {
  const host = safeHost(url);
  if (status === 404) {
    return new UserError(
      'download-not-found',
      `the server ${host} has no such file (HTTP 404). Check the model URI.`,
    );
  }
  if (status === 401 || status === 403) {
    return new UserError(
      'download-forbidden',
      `the server ${host} refused access (HTTP ${status}); the model may need a licence to be accepted on its web page.`,
    );
  }
  if (status >= 500 || status === 429) {
    return new UserError(
      'download-server-error',
      `the server ${host} kept failing (HTTP ${status}) after ${retries} retries. Try again later; the download resumes where it stopped.`,
    );
  }
  return new UserError('download-http-error', `the server ${host} answered HTTP ${status} (${statusText}).`);
}

function describeNetworkCause(error: unknown): string {
  const root = (error as { cause?: unknown })?.cause ?? error;
  const code = (root as NodeJS.ErrnoException)?.code;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was reset';
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the server name could not be resolved';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'the connection timed out';
  if (code === 'ENOSPC') return 'the disk is full';
  const message = (root as Error)?.message ?? String(root);
  return message.length > 0 ? message : 'network error';
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
