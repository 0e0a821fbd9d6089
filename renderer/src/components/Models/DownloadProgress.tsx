import { messageOf } from '../../api/call.js';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { formatBytes, formatEta, formatSpeed } from '../../lib/sizes.js';
import { type DownloadView, fractionOf, isRunning } from '../../stores/downloadsReducer.js';

/** One download: a progress bar with bytes, speed and time left; pause, resume, cancel; its error. */
export function DownloadProgress({ view }: { view: DownloadView }) {
  const { t } = useTranslation();
  const app = useApp();
  const fraction = fractionOf(view);
  const running = isRunning(view);
  const label = view.label || t('models.download.someModel');
  const act = (work: () => Promise<unknown>) => () =>
    void work().catch((error) => app.toasts.show(messageOf(error)));
  const failed = view.status === 'failed';
  const note =
    failed && view.message
      ? t('models.download.failed', { message: view.message })
      : view.retry && view.message !== null
        ? t('models.download.retry', { ...view.retry, reason: view.message })
        : view.status === 'cancelled' && view.partialKept
          ? t('models.download.keptToResume')
          : view.message;
  const done = formatBytes(view.downloadedBytes);
  return (
    <div className={`download download--${view.status}`}>
      <div className="download__head">
        <span className="download__label">{label}</span>
        <span className="download__status">{t(`models.download.status.${view.status}`)}</span>
      </div>
      {running && (
        <div
          role="progressbar"
          className="download__bar"
          aria-label={t('models.download.progressLabel', { name: label })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
          aria-valuetext={
            fraction === null
              ? t('models.download.sizeUnknown')
              : t('models.download.percent', { percent: Math.round(fraction * 100) })
          }
        >
          <div className="download__fill" style={{ width: `${Math.round((fraction ?? 0) * 100)}%` }} />
        </div>
      )}
      {(view.status === 'downloading' || view.status === 'paused' || view.status === 'retrying') && (
        <p className="download__figures">
          {view.totalBytes > 0
            ? t('models.download.ofTotal', { done, total: formatBytes(view.totalBytes) })
            : done}
          {view.status === 'downloading' &&
            ` · ${formatSpeed(view.bytesPerSecond)} · ${formatEta(view.etaSeconds, t)}`}
        </p>
      )}
      {note && (
        <p className={failed ? 'download__error' : 'hint'} role={failed ? 'alert' : undefined}>
          {note}
        </p>
      )}
      <div className="download__actions">
        {(view.status === 'downloading' || view.status === 'retrying') && (
          <button type="button" className="button" onClick={act(() => app.models.pause(view.downloadId))}>
            {t('models.download.pause')}
          </button>
        )}
        {view.status === 'paused' && (
          <button type="button" className="button" onClick={act(() => app.models.resume(view.downloadId))}>
            {t('models.download.resume')}
          </button>
        )}
        {running && view.status !== 'verifying' && (
          <button type="button" className="button" onClick={act(() => app.models.cancel(view.downloadId))}>
            {t('models.download.cancel')}
          </button>
        )}
        {failed && view.uri && (
          <button
            type="button"
            className="button"
            onClick={act(() => app.models.download(view.uri, view.label || undefined))}
          >
            {t('common.tryAgain')}
          </button>
        )}
        {!running && (
          <button type="button" className="button" onClick={() => app.models.dismiss(view.downloadId)}>
            {t('models.download.dismiss')}
          </button>
        )}
      </div>
    </div>
  );
}
