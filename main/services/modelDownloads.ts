import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError, isUserError } from '../../shared/errors.js';
import type { DownloadEvent, DownloadRequest, LocalModel } from '../../shared/models.js';
import {
  defaultRetryPolicy,
  type FileTransfer,
  type RetryPolicy,
  startFileTransfer,
} from '../models/fileTransfer.js';
import { inspectGguf } from '../models/ggufInspect.js';
import { resolveModelUri } from '../models/modelUri.js';
import type { TransferTimeouts } from '../models/serverProbe.js';
import type { PendingDownload } from '../models/registry.js';
import { sha256File } from '../models/sha256.js';
import type { ModelLibrary } from './models.js';
import { resolveDownloadTarget } from './modelDownloadTarget.js';

export type ModelDownloadsOptions = {
  /** Parallel connections per file where the server accepts ranges (default 4). */
  connections?: number;
  /** Resumable chunk size (default 8 MiB): a killed download loses at most one chunk per connection. */
  chunkBytes?: number;
  retry?: RetryPolicy;
  /** Minimum milliseconds between progress events (default 250). */
  progressIntervalMs?: number;
  /** How long to wait for a server's answer and for its next bytes (default defaultTransferTimeouts). */
  timeouts?: TransferTimeouts;
};

/** A download in progress, as returned by `start`. */
export type DownloadHandle = { downloadId: string; uri: string; done: Promise<LocalModel> };

/** Partial data of a download sits beside the models as `<file>.download.ipull`. */
const partialSuffix = '.download';

/**
 * Downloads models into the library. Every step is reported as a DownloadEvent on `events`
 * ('event'); a file is listed only after it is complete, its sha256 matches (or has been computed
 * and stored) and its GGUF header reads. An interrupted download is remembered in models.json and
 * resumes from its partial file when started again with the same URI.
 */
export class ModelDownloads {
  readonly events = new EventEmitter<{ event: [DownloadEvent] }>();
  private readonly active = new Map<string, { uri: string; fileName: string; transfer?: FileTransfer }>();

  constructor(
    private readonly library: ModelLibrary,
    private readonly options: ModelDownloadsOptions = {},
  ) {}

  /** Downloads that were started and not finished, including ones from before a restart. */
  async pending(): Promise<(PendingDownload & { active: boolean; downloadId: string | null })[]> {
    const { downloads } = await this.library.store.read();
    const idOf = new Map([...this.active].map(([downloadId, download]) => [download.uri, downloadId]));
    return downloads.map((download) => {
      const downloadId = idOf.get(download.uri) ?? null;
      return { ...download, active: downloadId !== null, downloadId };
    });
  }

  /** Starts (or resumes) a download. `uri` may be a catalog id, `id:QUANT`, an hf: URI or a URL. */
  async start(request: DownloadRequest): Promise<DownloadHandle> {
    const target = await resolveDownloadTarget(await this.library.catalog(), request);
    const { url, fileName } = resolveModelUri(target.uri);
    if ([...this.active.values()].some((download) => download.fileName === fileName)) {
      throw new UserError('download-running', `${fileName} is already being downloaded.`);
    }
    const downloadId = randomUUID();
    this.active.set(downloadId, { uri: target.uri, fileName });
    const done = this.run(downloadId, target.uri, url, fileName, target.sha256).finally(() =>
      this.active.delete(downloadId),
    );
    done.catch(() => undefined);
    return { downloadId, uri: target.uri, done };
  }

  pause(downloadId: string): void {
    this.transferOf(downloadId).pause();
  }

  resume(downloadId: string): void {
    this.transferOf(downloadId).resume();
  }

  /** Stops a download; with `keepPartial` the data stays so a later start resumes it. */
  async cancel(downloadId: string, { keepPartial = false }: { keepPartial?: boolean } = {}): Promise<void> {
    const download = this.active.get(downloadId);
    if (!download?.transfer)
      throw new UserError('download-not-found', `no running download with id '${downloadId}'.`);
    await download.transfer.cancel({ keepPartial });
  }

  /** Forgets an interrupted download and deletes its partial data. */
  async discard(uri: string): Promise<void> {
    const pending = await this.library.store.update((data) => {
      const found = data.downloads.find((download) => download.uri === uri);
      data.downloads = data.downloads.filter((download) => download.uri !== uri);
      return found;
    });
    if (pending) await this.removePartial(pending.fileName);
  }

  private transferOf(downloadId: string): FileTransfer {
    const transfer = this.active.get(downloadId)?.transfer;
    if (!transfer) throw new UserError('download-not-found', `no running download with id '${downloadId}'.`);
    return transfer;
  }

  private emit(event: DownloadEvent): void {
    this.events.emit('event', event);
  }

  private async run(
    downloadId: string,
    uri: string,
    url: string,
    fileName: string,
    sha256?: string,
  ): Promise<LocalModel> {
    const finalPath = join(this.library.modelsDir, fileName);
    const savePath = finalPath + partialSuffix;
    try {
      const already = (await this.library.list()).find((model) => model.path === finalPath && !model.missing);
      if (already && (!sha256 || already.sha256 === sha256)) {
        this.emit({ type: 'completed', downloadId, model: already });
        return already;
      }
      await mkdir(this.library.modelsDir, { recursive: true });
      await this.remember({
        uri,
        url,
        fileName,
        ...(sha256 ? { sha256 } : {}),
        startedAt: new Date().toISOString(),
      });

      const transfer = await startFileTransfer({
        url,
        uri,
        fileName,
        savePath,
        diskDir: this.library.modelsDir,
        connections: this.options.connections ?? 4,
        chunkBytes: this.options.chunkBytes ?? 8 * 1024 * 1024,
        retry: this.options.retry ?? defaultRetryPolicy,
        freeSpace: this.library.freeSpace,
        progressIntervalMs: this.options.progressIntervalMs ?? 250,
        ...(this.options.timeouts ? { timeouts: this.options.timeouts } : {}),
        onEvent: (event) => this.emit({ ...event, downloadId }),
      });
      const entry = this.active.get(downloadId);
      if (entry) entry.transfer = transfer;
      const outcome = await transfer.done;
      if (outcome === 'cancelled') {
        const partialKept = await isFile(`${savePath}.ipull`);
        if (!partialKept) await this.forget(uri);
        this.emit({ type: 'cancelled', downloadId, partialKept });
        throw new UserError('download-cancelled', `the download of ${fileName} was cancelled.`);
      }

      this.emit({ type: 'verifying', downloadId });
      const model = await this.verifyAndRegister(uri, savePath, finalPath, sha256);
      await this.forget(uri);
      this.emit({ type: 'completed', downloadId, model });
      return model;
    } catch (error) {
      if (!(await isFile(`${savePath}.ipull`)) && !(await isFile(savePath)))
        await this.forget(uri).catch(() => undefined);
      const userError = isUserError(error) ? error : undefined;
      if (userError?.code !== 'download-cancelled') {
        this.emit({
          type: 'failed',
          downloadId,
          code: userError?.code ?? 'download-failed',
          message: userError?.message ?? `the download failed: ${(error as Error)?.message ?? String(error)}`,
        });
      }
      throw error;
    }
  }

  /** Complete → hash → GGUF header → moved into place → listed. Any failure deletes the file. */
  private async verifyAndRegister(
    uri: string,
    savePath: string,
    finalPath: string,
    expected?: string,
  ): Promise<LocalModel> {
    const reject = async (error: UserError): Promise<never> => {
      await rm(savePath, { force: true });
      await this.forget(uri);
      throw error;
    };
    const sha256 = await sha256File(savePath);
    if (expected && sha256 !== expected.toLowerCase()) {
      return reject(
        new UserError(
          'sha256-mismatch',
          `the downloaded file's sha256 is ${sha256} but ${expected.toLowerCase()} was expected, so the file was deleted. The server sent a different file; check the URI and the hash.`,
        ),
      );
    }
    let inspected: Awaited<ReturnType<typeof inspectGguf>>;
    try {
      inspected = await inspectGguf(savePath);
    } catch (error) {
      if (!isUserError(error)) throw error;
      return reject(new UserError(error.code, `download rejected and deleted: ${error.message}`));
    }
    await rename(savePath, finalPath);
    return this.library.addDownloaded({
      displayName: inspected.metadata.name ?? finalPath.split(/[\\/]/).pop()!,
      path: finalPath,
      sizeBytes: inspected.sizeBytes,
      sha256,
      sha256Source: expected ? 'verified' : 'computed',
      sourceUri: uri,
      metadata: inspected.metadata,
    });
  }

  private remember(download: PendingDownload): Promise<void> {
    return this.library.store.update((data) => {
      data.downloads = [...data.downloads.filter((existing) => existing.uri !== download.uri), download];
    });
  }

  private forget(uri: string): Promise<void> {
    return this.library.store.update((data) => {
      data.downloads = data.downloads.filter((download) => download.uri !== uri);
    });
  }

  private async removePartial(fileName: string): Promise<void> {
    const savePath = join(this.library.modelsDir, fileName + partialSuffix);
    await rm(`${savePath}.ipull`, { force: true });
    await rm(savePath, { force: true });
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
