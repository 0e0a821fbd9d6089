import { useEffect, useRef } from 'react';
import { messageOf } from '../../api/call.js';
import { useApp } from '../../appContext.js';
import { i18n, useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';
import { AddModelForms } from '../Models/AddModelForms.js';
import { DownloadList } from '../Models/DownloadList.js';
import { HardwareSummary } from '../Models/HardwareSummary.js';
import { fitLabel } from '../../lib/fitText.js';
import { formatBytes } from '../../lib/sizes.js';

/**
 * The first run: this computer → the model recommended for it → download with progress → loaded
 * and ready. A model that arrives (downloaded or imported) is loaded at once.
 */
export function FirstRun() {
  const app = useApp();
  const { t } = useTranslation();
  const state = useStore(app.models.store);
  const loadingStarted = useRef(false);
  useEffect(() => {
    void app.models.loadHardware();
  }, [app]);

  const firstModel = state.items.find((model) => !model.missing);
  useEffect(() => {
    if (!firstModel || state.loaded || loadingStarted.current) return;
    loadingStarted.current = true;
    app.models.loadModel(firstModel.id).catch((error) => {
      loadingStarted.current = false;
      app.toasts.show(
        i18n.t('chat.firstRun.loadFailed', { name: firstModel.displayName, error: messageOf(error) }),
      );
    });
  }, [app, firstModel, state.loaded]);

  const report = state.hardware;
  const recommended = report?.recommended;
  const entry = recommended && state.catalog.find((e) => e.id === recommended.catalogId);
  const variant = entry?.variants.find((v) => v.quantization === recommended?.quantization);
  const fit = report?.catalog.find(
    (f) => f.catalogId === recommended?.catalogId && f.quantization === recommended?.quantization,
  )?.fit;

  if (state.loaded) {
    return (
      <section className="first-run" aria-label={t('chat.firstRun.gettingStarted')}>
        <h2>{t('chat.firstRun.ready')}</h2>
        <p role="status">
          {t('chat.firstRun.loaded', { name: state.loaded.name, size: state.loaded.contextSize })}
        </p>
      </section>
    );
  }
  return (
    <section className="first-run" aria-label={t('chat.firstRun.gettingStarted')}>
      <h2>{t('chat.firstRun.welcome')}</h2>
      <p>{t('chat.firstRun.intro')}</p>
      <h3>{t('chat.firstRun.stepComputer')}</h3>
      {report ? (
        <HardwareSummary hardware={report.hardware} />
      ) : (
        <p role="status">{state.hardwareError ?? t('chat.firstRun.detecting')}</p>
      )}
      <h3>{t('chat.firstRun.stepRecommended')}</h3>
      {entry && variant && recommended ? (
        <div className="catalog-item catalog-item--recommended">
          <div className="catalog-item__head">
            <strong>{entry.name}</strong> <span className="badge">{variant.quantization}</span>
            {fit && <span className={`fit fit--${fit.verdict}`}>{fitLabel(fit, t)}</span>}
          </div>
          <p className="catalog-item__description">{entry.description}</p>
          <p className="hint">
            {t('chat.firstRun.details', {
              size: formatBytes(variant.approxSizeBytes),
              licence: entry.licence,
              reason: recommended.reason,
            })}
          </p>
          <button
            type="button"
            className="button button--primary"
            aria-label={t('chat.firstRun.downloadNamed', {
              name: entry.name,
              quantization: variant.quantization,
            })}
            onClick={() =>
              void app.models
                .download(variant.uri, `${entry.name} ${variant.quantization}`)
                .catch((error) => app.toasts.show(messageOf(error)))
            }
          >
            {t('chat.firstRun.download')}
          </button>
        </div>
      ) : (
        <p className="hint">{report ? t('chat.firstRun.noFit') : '…'}</p>
      )}
      <DownloadList downloads={state.downloads} />
      {state.loading && (
        <p role="status">
          {t('chat.firstRun.loadingModel', { percent: Math.round(state.loading.fraction * 100) })}
        </p>
      )}
      <h3>{t('chat.firstRun.otherModel')}</h3>
      <AddModelForms idPrefix="first-run" />
      <p className="hint">{t('chat.firstRun.moreModels')}</p>
    </section>
  );
}
