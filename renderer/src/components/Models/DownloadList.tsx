import { useTranslation } from '../../i18n/index.js';
import type { DownloadsState } from '../../stores/downloadsReducer.js';
import { DownloadProgress } from './DownloadProgress.js';

/** Every download of this session, newest last; nothing when there are none. */
export function DownloadList({ downloads }: { downloads: DownloadsState }) {
  const { t } = useTranslation();
  const views = Object.values(downloads);
  if (views.length === 0) return null;
  return (
    <section aria-labelledby="models-downloads">
      <h2 id="models-downloads">{t('models.download.title')}</h2>
      {views.map((view) => (
        <DownloadProgress key={view.downloadId} view={view} />
      ))}
    </section>
  );
}
