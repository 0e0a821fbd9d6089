import { messageOf } from '../../api/call.js';
import { useApp } from '../../appContext.js';
import { formatBytes, formatEta, formatSpeed } from '../../lib/sizes.js';
import { type DownloadView, fractionOf, isRunning } from '../../stores/downloadsReducer.js';

const statusText: Record<DownloadView['status'], string> = {
  starting: 'Starting…',
  downloading: 'Downloading',
  paused: 'Paused',
  retrying: 'Retrying',
  verifying: 'Checking the file…',
  completed: 'Downloaded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** One download: a progress bar with bytes, speed and time left; pause, resume, cancel; its error. */
export function DownloadProgress({ view }: { view: DownloadView }) {
  const app = useApp();
  const fraction = fractionOf(view);
  const running = isRunning(view);
  const act = (work: () => Promise<unknown>) => () =>
    void work().catch((error) => app.toasts.show(messageOf(error)));
  return (
    <div className={`download download--${view.status}`}>
      <div className="download__head">
        <span className="download__label">{view.label}</span>
        <span className="download__status">{statusText[view.status]}</span>
      </div>
      {running && (
        <div
          role="progressbar"
          className="download__bar"
          aria-label={`Downloading ${view.label}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
          aria-valuetext={fraction === null ? 'size not known yet' : `${Math.round(fraction * 100)} percent`}
        >
          <div className="download__fill" style={{ width: `${Math.round((fraction ?? 0) * 100)}%` }} />
        </div>
      )}
      {(view.status === 'downloading' || view.status === 'paused' || view.status === 'retrying') && (
        <p className="download__figures">
          {formatBytes(view.downloadedBytes)}
          {view.totalBytes > 0 && ` of ${formatBytes(view.totalBytes)}`}
          {view.status === 'downloading' &&
            ` · ${formatSpeed(view.bytesPerSecond)} · ${formatEta(view.etaSeconds)}`}
        </p>
      )}
      {view.message && (
        <p
          className={view.status === 'failed' ? 'download__error' : 'hint'}
          role={view.status === 'failed' ? 'alert' : undefined}
        >
          {view.status === 'failed' ? `The download failed: ${view.message}` : view.message}
        </p>
      )}
      <div className="download__actions">
        {(view.status === 'downloading' || view.status === 'retrying') && (
          <button type="button" className="button" onClick={act(() => app.models.pause(view.downloadId))}>
            Pause
          </button>
        )}
        {view.status === 'paused' && (
          <button type="button" className="button" onClick={act(() => app.models.resume(view.downloadId))}>
            Resume
          </button>
        )}
        {running && view.status !== 'verifying' && (
          <button type="button" className="button" onClick={act(() => app.models.cancel(view.downloadId))}>
            Cancel download
          </button>
        )}
        {view.status === 'failed' && view.uri && (
          <button
            type="button"
            className="button"
            onClick={act(() => app.models.download(view.uri, view.label))}
          >
            Try again
          </button>
        )}
        {!running && (
          <button type="button" className="button" onClick={() => app.models.dismiss(view.downloadId)}>
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}
