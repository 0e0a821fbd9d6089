import type { DownloadEvent, LocalModel } from '../../../shared/models.js';

/** Where one download stands, as the Models page and the first-run panel show it. */
export type DownloadView = {
  downloadId: string;
  uri: string;
  /** What to call it: the catalog name, else the file name, else the URI; '' while unknown (another window's). */
  label: string;
  status:
    | 'starting'
    | 'downloading'
    | 'paused'
    | 'retrying'
    | 'verifying'
    | 'completed'
    | 'failed'
    | 'cancelled';
  downloadedBytes: number;
  /** 0 until the server said how big the file is. */
  totalBytes: number;
  bytesPerSecond: number;
  etaSeconds: number | null;
  /** Why it failed, or why it is retried: the main process's words. */
  message: string | null;
  /** While retrying: which attempt of how many. */
  retry: { attempt: number; maxAttempts: number } | null;
  /** Cancelled with the partial file kept, so a new download of it resumes. */
  partialKept: boolean;
  /** The listed model, once completed. */
  model: LocalModel | null;
};

/** Downloads by id, oldest first. */
export type DownloadsState = Record<string, DownloadView>;

/** A download this window asked for, before any event about it arrived. */
export function downloadRequested(state: DownloadsState, downloadId: string, uri: string, label: string) {
  const existing = state[downloadId];
  // Events can overtake the answer to the request: keep what they said, add the name.
  return { ...state, [downloadId]: existing ? { ...existing, label, uri } : blank(downloadId, uri, label) };
}

/** Applies one `download` event; events for unknown ids (another window's) create an entry. */
export function applyDownloadEvent(state: DownloadsState, event: DownloadEvent): DownloadsState {
  const current = state[event.downloadId] ?? blank(event.downloadId, '', '');
  const next = reduce(current, event);
  return next === current ? state : { ...state, [event.downloadId]: next };
}

/** Whether the download still runs (or waits): its controls stay shown. */
export function isRunning(view: DownloadView): boolean {
  return !['completed', 'failed', 'cancelled'].includes(view.status);
}

/** Progress as 0..1, or null while the size is unknown. */
export function fractionOf(view: DownloadView): number | null {
  if (view.status === 'verifying' || view.status === 'completed') return 1;
  return view.totalBytes > 0 ? Math.min(1, view.downloadedBytes / view.totalBytes) : null;
}

function reduce(view: DownloadView, event: DownloadEvent): DownloadView {
  // Once finished, a late progress event must not bring it back to life.
  if (!isRunning(view)) return view;
  switch (event.type) {
    case 'started':
      return {
        ...view,
        uri: view.uri || event.uri,
        label: view.label || event.fileName,
        status: 'downloading',
        totalBytes: event.totalBytes,
        downloadedBytes: Math.max(view.downloadedBytes, event.resumedFromBytes),
      };
    case 'progress':
      return {
        ...view,
        status: view.status === 'paused' ? 'paused' : 'downloading',
        downloadedBytes: Math.max(view.downloadedBytes, event.downloadedBytes),
        totalBytes: event.totalBytes,
        bytesPerSecond: event.bytesPerSecond,
        etaSeconds: event.etaSeconds,
        message: null,
        retry: null,
      };
    case 'retrying':
      return {
        ...view,
        status: 'retrying',
        message: event.reason,
        retry: { attempt: event.attempt, maxAttempts: event.maxAttempts },
      };
    case 'paused':
      return { ...view, status: 'paused', bytesPerSecond: 0, etaSeconds: null };
    case 'resumed':
      return { ...view, status: 'downloading' };
    case 'verifying':
      return { ...view, status: 'verifying', downloadedBytes: view.totalBytes || view.downloadedBytes };
    case 'completed':
      return { ...view, status: 'completed', model: event.model, message: null, retry: null };
    case 'failed':
      return { ...view, status: 'failed', message: event.message, retry: null };
    case 'cancelled':
      return { ...view, status: 'cancelled', message: null, retry: null, partialKept: event.partialKept };
  }
}

function blank(downloadId: string, uri: string, label: string): DownloadView {
  return {
    downloadId,
    uri,
    label,
    status: 'starting',
    downloadedBytes: 0,
    totalBytes: 0,
    bytesPerSecond: 0,
    etaSeconds: null,
    message: null,
    retry: null,
    partialKept: false,
    model: null,
  };
}
