import { isUserError, UserError } from '../../shared/errors.js';
import type { RetryPolicy } from './fileTransfer.js';
import { statusError } from './transferErrors.js';

/** How long a download waits for a server: to answer a request, and for the next bytes. */
export type TransferTimeouts = {
  /** From sending a request to the response's status line and headers. */
  answerMs: number;
  /** With no new bytes while downloading (not paused), the server has stopped sending. */
  idleMs: number;
};

export const defaultTransferTimeouts: TransferTimeouts = { answerMs: 30_000, idleMs: 60_000 };

/** What a one-byte ranged request tells before the download starts. */
export type ServerProbe = {
  /** False when the server answered a ranged request with the whole file (200): one connection, no ranges. */
  rangesHonoured: boolean | null;
};

/**
 * Ask for the first byte, with a deadline, before handing the URL to ipull (whose requests have
 * none): a server that accepts and never answers fails here, tried again a bounded number of
 * times, and one that ignores Range is found out. A missing or refused file (404, 401, 403) ends
 * here, as it would at ipull's first request; other statuses and network errors are left to the
 * transfer, which retries and reports them.
 */
export async function probeServer(
  url: string,
  timeouts: TransferTimeouts,
  retry: RetryPolicy,
): Promise<ServerProbe> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(url, {
        headers: { range: 'bytes=0-0', 'accept-encoding': 'identity' },
        signal: AbortSignal.timeout(timeouts.answerMs),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status === 206) return { rangesHonoured: true };
      if (response.status === 200) return { rangesHonoured: false };
      if ([401, 403, 404].includes(response.status))
        throw statusError(response.status, response.statusText, url, retry.retries);
      return { rangesHonoured: null };
    } catch (error) {
      if (isUserError(error)) throw error;
      if (!isTimeout(error)) return { rangesHonoured: null };
      if (attempt >= retry.retries) throw noAnswerError(url, timeouts, retry.retries);
      await delay(backoffMs(retry, attempt));
    }
  }
}

export function noAnswerError(url: string, timeouts: TransferTimeouts, retries: number): UserError {
  return new UserError(
    'download-no-answer',
    `the server ${hostOf(url)} did not answer within ${seconds(timeouts.answerMs)} (tried ${retries + 1} times). Check the address or try again later; the download resumes where it stopped.`,
  );
}

export function stalledError(url: string, timeouts: TransferTimeouts, retries: number): UserError {
  return new UserError(
    'download-stalled',
    `the server ${hostOf(url)} stopped sending (nothing for ${seconds(timeouts.idleMs)}, tried ${retries + 1} times). Run the download again later to resume where it stopped.`,
  );
}

export function backoffMs(retry: RetryPolicy, attempt: number): number {
  return Math.min(retry.maxDelayMs, retry.minDelayMs * retry.factor ** attempt);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
