import { downloadFile, InvalidContentLengthError } from 'ipull';
import type { DownloadEvent } from '../../shared/models.js';
import { assertDiskSpace, type FreeSpaceProbe } from './diskSpace.js';
import { noteIpullError } from './ipullRejections.js';
import {
  backoffMs,
  defaultTransferTimeouts,
  delay,
  noAnswerError,
  probeServer,
  stalledError,
  type TransferTimeouts,
} from './serverProbe.js';
import { toTransferError } from './transferErrors.js';
import { TransferRate } from './transferRate.js';

/** How often and how long a failing request is tried again before the download gives up. */
export type RetryPolicy = { retries: number; minDelayMs: number; maxDelayMs: number; factor: number };

export const defaultRetryPolicy: RetryPolicy = { retries: 4, minDelayMs: 500, maxDelayMs: 8000, factor: 2 };

/** The events a transfer reports; the download service adds the download id. */
export type TransferEvent = DistributiveOmit<
  Extract<DownloadEvent, { type: 'started' | 'progress' | 'retrying' | 'paused' | 'resumed' }>,
  'downloadId'
>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type FileTransferOptions = {
  url: string;
  /** Where the complete (not yet verified) file lands; the partial file is `savePath + '.ipull'`. */
  savePath: string;
  /** Parallel connections when the server accepts ranges. */
  connections: number;
  /** Bytes per resumable chunk; progress survives a crash in whole chunks. */
  chunkBytes: number;
  retry: RetryPolicy;
  freeSpace: FreeSpaceProbe;
  /** Folder whose disk must hold the file. */
  diskDir: string;
  onEvent: (event: TransferEvent) => void;
  /** Minimum milliseconds between progress events. */
  progressIntervalMs?: number;
  /** For the URI in the started event (the URL is what is fetched). */
  uri: string;
  fileName: string;
  /** Answer and idle deadlines (defaults: defaultTransferTimeouts); tests pass short ones. */
  timeouts?: TransferTimeouts;
};

/** A running transfer. `done` resolves with how it ended; network failures reject with a UserError. */
export type FileTransfer = {
  pause(): void;
  resume(): void;
  cancel(options: { keepPartial: boolean }): Promise<void>;
  done: Promise<'completed' | 'cancelled'>;
};

type Engine = Awaited<ReturnType<typeof downloadFile>>;

/**
 * Downloads one file through ipull (node-llama-cpp's downloader): parallel ranged connections,
 * progress saved beside the partial file so a killed process resumes where it stopped, bounded
 * retries with exponential backoff. Checks the disk before the first byte is written.
 * ipull's requests have no deadlines, so Rose adds them: a first-byte probe with an answer
 * timeout, and an idle watchdog that closes a transfer whose server stopped sending (the partial
 * file is kept) and starts it again, a bounded number of times. A server that ignores Range is
 * downloaded over one connection without ranges.
 */
export async function startFileTransfer(options: FileTransferOptions): Promise<FileTransfer> {
  const timeouts = options.timeouts ?? defaultTransferTimeouts;
  const probe = await probeServer(options.url, timeouts, options.retry);
  let ranges = probe.rangesHonoured !== false;
  let engine = await openEngine(options, timeouts, ranges);

  const totalBytes = engine.downloadSize;
  const resumedFromBytes = engine.status.transferredBytes;
  try {
    await assertDiskSpace(options.diskDir, Math.max(0, totalBytes - resumedFromBytes), options.freeSpace);
  } catch (error) {
    await engine.close();
    throw error;
  }

  const rangesAccepted = ranges && engine.file.parts.every((part) => part.acceptRange);
  options.onEvent({
    type: 'started',
    uri: options.uri,
    fileName: options.fileName,
    totalBytes,
    resumedFromBytes,
    connections: rangesAccepted ? options.connections : 1,
  });
  // ipull may still report from connections that were retrying when the download ended.
  let settled = false;
  const onEvent = (event: TransferEvent) => {
    if (!settled) options.onEvent(event);
  };
  let paused = false;
  let lastActivity = Date.now();
  const watch = (current: Engine) => {
    reportRetries(current, options, onEvent);
    reportProgress(current, options, totalBytes, onEvent);
    current.on('progress', () => {
      lastActivity = Date.now();
    });
    current.on('paused', () => onEvent({ type: 'paused' }));
    current.on('resumed', () => onEvent({ type: 'resumed' }));
  };
  watch(engine);

  let cancelled = false;
  /** One run of the current engine: how it ended, with a stall seen by the watchdog as 'stalled'. */
  const runOnce = async (): Promise<'completed' | 'cancelled' | 'stalled'> => {
    let stalled = false;
    // The closing engine still writes its progress and may rename its file: the next may start only after.
    let closing: Promise<unknown> = Promise.resolve();
    lastActivity = Date.now();
    const watchdog = setInterval(
      () => {
        if (paused || stalled || Date.now() - lastActivity <= timeouts.idleMs) return;
        stalled = true;
        closing = engine.close({ deleteTempFile: false }).catch(() => undefined);
      },
      Math.max(10, Math.min(1000, timeouts.idleMs / 4)),
    );
    try {
      await engine.download();
    } catch (error) {
      if (cancelled) return 'cancelled';
      if (!stalled) throw error;
    } finally {
      clearInterval(watchdog);
      await closing;
    }
    if (cancelled) return 'cancelled';
    return stalled ? 'stalled' : 'completed';
  };

  const done = (async (): Promise<'completed' | 'cancelled'> => {
    for (let attempt = 0; ; attempt++) {
      let outcome: 'completed' | 'cancelled' | 'stalled';
      try {
        outcome = await runOnce();
      } catch (error) {
        // A server that said it takes ranges and then sent the whole file: once more without ranges.
        if (!(error instanceof InvalidContentLengthError) || !ranges) throw error;
        ranges = false;
        await engine.close({ deleteTempFile: true }).catch(() => undefined);
        engine = await openEngine(options, timeouts, ranges);
        watch(engine);
        attempt--;
        continue;
      }
      if (outcome !== 'stalled') return outcome;
      if (attempt >= options.retry.retries) throw stalledError(options.url, timeouts, options.retry.retries);
      onEvent({
        type: 'retrying',
        attempt: attempt + 1,
        maxAttempts: options.retry.retries,
        reason: 'the server stopped sending',
      });
      await delay(backoffMs(options.retry, attempt));
      if (cancelled) return 'cancelled';
      engine = await openEngine(options, timeouts, ranges);
      watch(engine);
    }
  })()
    .catch((error: unknown) => {
      if (cancelled) return 'cancelled' as const;
      throw toTransferError(error, options.url, options.retry.retries);
    })
    .finally(() => {
      settled = true;
    });
  return {
    pause: () => {
      paused = true;
      engine.pause();
    },
    resume: () => {
      paused = false;
      lastActivity = Date.now();
      engine.resume();
    },
    cancel: async ({ keepPartial }) => {
      cancelled = true;
      await engine.close({ deleteTempFile: !keepPartial });
    },
    done,
  };
}

/** ipull's engine for the file; its first request gets the answer deadline too. */
async function openEngine(
  options: FileTransferOptions,
  timeouts: TransferTimeouts,
  ranges: boolean,
): Promise<Engine> {
  const opening = downloadFile({
    url: options.url,
    savePath: options.savePath,
    parallelStreams: ranges ? options.connections : 1,
    chunkSize: options.chunkBytes,
    retry: retryOptions(options.retry),
    retryOnServerError: true,
    skipExisting: true,
    cliProgress: false,
    ...(ranges ? {} : { acceptRangeIsKnown: false }),
  });
  // ipull's request cannot be aborted: when the deadline wins, its late answer is dropped.
  opening.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    const allowed = timeouts.answerMs * (options.retry.retries + 1);
    timer = setTimeout(() => reject(noAnswerError(options.url, timeouts, options.retry.retries)), allowed);
  });
  try {
    return await Promise.race([opening, deadline]);
  } catch (error) {
    throw toTransferError(error, options.url, options.retry.retries);
  } finally {
    clearTimeout(timer);
  }
}

function retryOptions(policy: RetryPolicy) {
  return {
    retries: policy.retries,
    factor: policy.factor,
    minTimeout: policy.minDelayMs,
    maxTimeout: policy.maxDelayMs,
  };
}

/** ipull counts every failed request on the fetch stream shared by all connections. */
function reportRetries(
  engine: Engine,
  options: FileTransferOptions,
  onEvent: (event: TransferEvent) => void,
): void {
  const fetchStream = (
    engine.options as { fetchStream?: { on(event: string, listener: (...args: unknown[]) => void): void } }
  ).fetchStream;
  fetchStream?.on('errorCountIncreased', (count, error) => {
    noteIpullError(error);
    onEvent({
      type: 'retrying',
      attempt: Number(count),
      maxAttempts: options.retry.retries,
      reason: toTransferError(error, options.url, options.retry.retries).message,
    });
  });
}

function reportProgress(
  engine: Engine,
  options: FileTransferOptions,
  totalBytes: number,
  onEvent: (event: TransferEvent) => void,
): void {
  const rate = new TransferRate();
  const interval = options.progressIntervalMs ?? 250;
  let lastSent = 0;
  let lastBytes = -1;
  engine.on('progress', (status) => {
    const now = Date.now();
    const downloadedBytes = status.transferredBytes;
    const estimate = rate.update(downloadedBytes, totalBytes, now);
    const finished = downloadedBytes >= totalBytes && totalBytes > 0;
    if ((now - lastSent < interval && !finished) || downloadedBytes === lastBytes) return;
    lastSent = now;
    lastBytes = downloadedBytes;
    onEvent({ type: 'progress', downloadedBytes, totalBytes, ...estimate });
  });
}
