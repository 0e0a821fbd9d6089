import { downloadFile } from 'ipull';
import type { DownloadEvent } from '../../shared/models.js';
import { assertDiskSpace, type FreeSpaceProbe } from './diskSpace.js';
import { noteIpullError } from './ipullRejections.js';
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
};

/** A running transfer. `done` resolves with how it ended; network failures reject with a UserError. */
export type FileTransfer = {
  pause(): void;
  resume(): void;
  cancel(options: { keepPartial: boolean }): Promise<void>;
  done: Promise<'completed' | 'cancelled'>;
};

/**
 * Downloads one file through ipull (node-llama-cpp's downloader): parallel ranged connections,
 * progress saved beside the partial file so a killed process resumes where it stopped, bounded
 * retries with exponential backoff. Checks the disk before the first byte is written.
 */
export async function startFileTransfer(options: FileTransferOptions): Promise<FileTransfer> {
  let engine: Awaited<ReturnType<typeof downloadFile>>;
  try {
    engine = await downloadFile({
      url: options.url,
      savePath: options.savePath,
      parallelStreams: options.connections,
      chunkSize: options.chunkBytes,
      retry: retryOptions(options.retry),
      retryOnServerError: true,
      skipExisting: true,
      cliProgress: false,
    });
  } catch (error) {
    throw toTransferError(error, options.url, options.retry.retries);
  }

  const totalBytes = engine.downloadSize;
  const resumedFromBytes = engine.status.transferredBytes;
  try {
    await assertDiskSpace(options.diskDir, Math.max(0, totalBytes - resumedFromBytes), options.freeSpace);
  } catch (error) {
    await engine.close();
    throw error;
  }

  const rangesAccepted = engine.file.parts.every((part) => part.acceptRange);
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
  reportRetries(engine, options, onEvent);
  reportProgress(engine, options, totalBytes, onEvent);
  engine.on('paused', () => onEvent({ type: 'paused' }));
  engine.on('resumed', () => onEvent({ type: 'resumed' }));

  let cancelled = false;
  const done = engine
    .download()
    .then(
      () => (cancelled ? 'cancelled' : 'completed') as 'completed' | 'cancelled',
      (error: unknown) => {
        if (cancelled) return 'cancelled' as const;
        throw toTransferError(error, options.url, options.retry.retries);
      },
    )
    .finally(() => {
      settled = true;
    });
  return {
    pause: () => engine.pause(),
    resume: () => engine.resume(),
    cancel: async ({ keepPartial }) => {
      cancelled = true;
      await engine.close({ deleteTempFile: !keepPartial });
    },
    done,
  };
}

function retryOptions(policy: RetryPolicy) {
  return {
    retries: policy.retries,
    factor: policy.factor,
    minTimeout: policy.minDelayMs,
    maxTimeout: policy.maxDelayMs,
  };
}

type Engine = Awaited<ReturnType<typeof downloadFile>>;

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
