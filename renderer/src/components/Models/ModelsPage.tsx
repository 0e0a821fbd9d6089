import { useEffect } from 'react';
import { messageOf } from '../../api/call.js';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';
import { Notice } from '../Notice/Notice.js';
import { AddModelForms } from './AddModelForms.js';
import { CatalogItem } from './CatalogItem.js';
import { DownloadList } from './DownloadList.js';
import { HardwareSummary } from './HardwareSummary.js';
import { LocalModels } from './LocalModels.js';

const contextSizes = [1024, 2048, 4096, 8192, 16384, 32768];

/** The models page: this computer, its models, downloads, and the catalog with fit verdicts. */
export function ModelsPage() {
  const { t } = useTranslation();
  const app = useApp();
  const state = useStore(app.models.store);
  // Free memory changes as models load: measure again on each visit.
  useEffect(() => {
    void app.models.load();
    void app.models.loadHardware();
  }, [app]);
  const report = state.hardware;

  return (
    <div className="models">
      <h1>{t('models.title')}</h1>
      <section aria-labelledby="models-hardware">
        <h2 id="models-hardware">{t('models.hardware.title')}</h2>
        {report ? (
          <HardwareSummary hardware={report.hardware} />
        ) : state.hardwareError ? (
          <Notice
            kind="error"
            title={t('models.hardware.couldNotDetect')}
            action={{ label: t('common.tryAgain'), run: () => void app.models.loadHardware() }}
          >
            {state.hardwareError}
          </Notice>
        ) : (
          <Notice kind="loading" title={t('models.hardware.detecting')} />
        )}
      </section>
      <section aria-labelledby="models-local">
        <h2 id="models-local">{t('models.local.title')}</h2>
        {state.error && <p role="alert">{state.error}</p>}
        <LocalModels items={state.items} loaded={state.loaded} />
        <AddModelForms idPrefix="models" />
      </section>
      <DownloadList downloads={state.downloads} />
      <section aria-labelledby="models-catalog">
        <h2 id="models-catalog">{t('models.catalog.title')}</h2>
        <label className="field field--inline">
          <span>{t('models.catalog.contextSize')}</span>
          <select
            value={state.contextSize}
            onChange={(e) => void app.models.loadHardware(Number(e.target.value))}
          >
            {contextSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        {report?.recommended && (
          <p className="hint">
            {t('models.catalog.recommendedBecause', { reason: report.recommended.reason })}
          </p>
        )}
        <ul className="catalog">
          {state.catalog.map((entry) => (
            <CatalogItem
              key={entry.id}
              entry={entry}
              fits={report?.catalog ?? []}
              recommended={report?.recommended?.catalogId === entry.id}
              onDownload={(uri, label) =>
                void app.models.download(uri, label).catch((e) => app.toasts.show(messageOf(e)))
              }
            />
          ))}
        </ul>
      </section>
    </div>
  );
}
