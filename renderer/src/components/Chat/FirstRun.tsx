import { useEffect, useRef } from 'react';
import { messageOf } from '../../api/call.js';
import { useApp } from '../../appContext.js';
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
      app.toasts.show(`Could not load ${firstModel.displayName}: ${messageOf(error)}`);
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
      <section className="first-run" aria-label="Getting started">
        <h2>Ready</h2>
        <p role="status">
          {state.loaded.name} is loaded ({state.loaded.contextSize} tokens of context). Type a message below
          to start.
        </p>
      </section>
    );
  }
  return (
    <section className="first-run" aria-label="Getting started">
      <h2>Welcome to Rose</h2>
      <p>Rose needs a language model (a GGUF file). Here is what this computer can run.</p>
      <h3>1. This computer</h3>
      {report ? (
        <HardwareSummary hardware={report.hardware} />
      ) : (
        <p role="status">{state.hardwareError ?? 'Detecting the GPU and memory…'}</p>
      )}
      <h3>2. Recommended model</h3>
      {entry && variant && recommended ? (
        <div className="catalog-item catalog-item--recommended">
          <div className="catalog-item__head">
            <strong>{entry.name}</strong> <span className="badge">{variant.quantization}</span>
            {fit && <span className={`fit fit--${fit.verdict}`}>{fitLabel(fit)}</span>}
          </div>
          <p className="catalog-item__description">{entry.description}</p>
          <p className="hint">
            {formatBytes(variant.approxSizeBytes)} · {entry.licence} · chosen as {recommended.reason}.
          </p>
          <button
            type="button"
            className="button button--primary"
            aria-label={`Download ${entry.name} ${variant.quantization}`}
            onClick={() =>
              void app.models
                .download(variant.uri, `${entry.name} ${variant.quantization}`)
                .catch((error) => app.toasts.show(messageOf(error)))
            }
          >
            Download
          </button>
        </div>
      ) : (
        <p className="hint">
          {report ? 'No catalog model fits this computer; try a file of your own below.' : '…'}
        </p>
      )}
      <DownloadList downloads={state.downloads} />
      {state.loading && <p role="status">Loading the model… {Math.round(state.loading.fraction * 100)}%</p>}
      <h3>Or use another model</h3>
      <AddModelForms idPrefix="first-run" />
      <p className="hint">More models and their fit are on the Models page.</p>
    </section>
  );
}
