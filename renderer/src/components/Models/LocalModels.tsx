import { GPU_LAYERS_MAX } from '../../../../shared/generationLimits.js';
import { useState } from 'react';
import type { LoadedModel } from '../../../../shared/contract/index.js';
import type { LocalModel } from '../../../../shared/models.js';
import { messageOf } from '../../api/call.js';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { formatBytes } from '../../lib/sizes.js';

type Props = { items: LocalModel[]; loaded: LoadedModel | null };

/** The models on this computer: load one, remove one, see what its header says. */
export function LocalModels({ items, loaded }: Props) {
  const { t, i18n } = useTranslation();
  const app = useApp();
  if (items.length === 0) return <p className="hint">{t('models.local.empty')}</p>;
  const act = (work: () => Promise<unknown>) => () =>
    void work().catch((error) => app.toasts.show(messageOf(error)));
  return (
    <ul className="local-models">
      {items.map((model) => {
        const isLoaded = loaded?.modelId === model.id;
        return (
          <li key={model.id} className="local-model" aria-label={model.displayName}>
            <div className="catalog-item__head">
              <strong>{model.displayName}</strong>
              {isLoaded && <span className="badge badge--accent">{t('models.local.loaded')}</span>}
              {model.missing && <span className="badge">{t('models.local.fileMissing')}</span>}
            </div>
            <p className="hint">
              {model.metadata.architecture} · {model.metadata.quantization} · {formatBytes(model.sizeBytes)} ·{' '}
              {t(`models.local.storage.${model.storage}`)}
            </p>
            {isLoaded && loaded?.autoFit && (
              <p className="hint">{t('models.local.autoFit', { reason: loaded.autoFit.reason })}</p>
            )}
            <details>
              <summary>{t('models.local.info')}</summary>
              <dl className="hardware">
                <div className="hardware__row">
                  <dt>{t('models.local.file')}</dt>
                  <dd>
                    <code className="path">{model.path}</code>
                  </dd>
                </div>
                <div className="hardware__row">
                  <dt>{t('models.local.parameters')}</dt>
                  <dd>{model.metadata.parameters.toLocaleString(i18n.language)}</dd>
                </div>
                <div className="hardware__row">
                  <dt>{t('models.local.trainedContext')}</dt>
                  <dd>{t('models.tokens', { size: model.metadata.contextLength })}</dd>
                </div>
                <div className="hardware__row">
                  <dt>{t('models.local.chatTemplate')}</dt>
                  <dd>
                    {model.metadata.hasChatTemplate
                      ? t('models.local.hasTemplate')
                      : t('models.local.genericTemplate')}
                  </dd>
                </div>
                <div className="hardware__row">
                  {/* i18n-ignore: the name of the hash, the same in every language */}
                  <dt>sha256</dt>
                  <dd>
                    <code className="path">{model.sha256}</code> (
                    {t(`models.local.hashSource.${model.sha256Source}`)})
                  </dd>
                </div>
              </dl>
            </details>
            <ModelActions
              model={model}
              loaded={isLoaded ? loaded : null}
              onLoad={(choice) => act(() => app.models.loadModel(model.id, choice))()}
              onRemove={() => act(() => app.models.remove(model.id))()}
            />
          </li>
        );
      })}
    </ul>
  );
}

/** Context sizes offered at load (per sequence; ROSE holds two), up to what the model was trained for. */
const CONTEXT_CHOICES = [512, 1024, 2048, 4096, 8192, 16384, 32768];

/**
 * Load (automatic fit, or a chosen context size and GPU layers) and Remove, which asks first and
 * says when it also unloads the model.
 */
function ModelActions(props: {
  model: LocalModel;
  loaded: LoadedModel | null;
  onLoad: (choice: { contextSize?: number; gpuLayers?: number }) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { model, loaded } = props;
  const [context, setContext] = useState('auto');
  const [gpuLayers, setGpuLayers] = useState('');
  const [confirming, setConfirming] = useState(false);
  const trained = model.metadata.contextLength || Number.POSITIVE_INFINITY;
  const sizes = CONTEXT_CHOICES.filter((size) => size <= trained);
  const layers = gpuLayers.trim() === '' ? undefined : Number(gpuLayers);
  const layersProblem =
    layers !== undefined && (!Number.isInteger(layers) || layers < 0 || layers > GPU_LAYERS_MAX)
      ? t('models.local.gpuLayersProblem', { max: GPU_LAYERS_MAX })
      : null;
  const choice = {
    ...(context === 'auto' ? {} : { contextSize: Number(context) }),
    ...(layers === undefined || layersProblem ? {} : { gpuLayers: layers }),
  };
  const loadWord = loaded
    ? Object.keys(choice).length
      ? t('models.local.reload')
      : t('models.local.loaded')
    : t('models.local.load');
  const copied = model.storage === 'copied';
  const confirmKey = loaded ? (copied ? 'loadedCopied' : 'loadedInPlace') : copied ? 'copied' : 'inPlace';
  return (
    <div className="download__actions">
      <label className="inline-field">
        <span>{t('models.local.context')}</span>
        <select
          value={context}
          onChange={(e) => setContext(e.target.value)}
          aria-label={t('models.local.contextFor', { name: model.displayName })}
        >
          <option value="auto">
            {loaded
              ? t('models.local.automaticNow', { size: loaded.contextSize })
              : t('models.local.automatic')}
          </option>
          {sizes.map((size) => (
            <option key={size} value={size}>
              {t('models.tokens', { size })}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t('models.local.gpuLayers')}</span>
        <input
          type="number"
          min={0}
          max={GPU_LAYERS_MAX}
          placeholder={t('models.local.gpuLayersAuto')}
          value={gpuLayers}
          aria-label={t('models.local.gpuLayersFor', { name: model.displayName })}
          aria-invalid={layersProblem ? true : undefined}
          onChange={(e) => setGpuLayers(e.target.value)}
        />
      </label>
      {layersProblem && (
        <span className="field-problem" role="alert">
          {layersProblem}
        </span>
      )}
      <button
        type="button"
        className="button"
        // The name holds the visible word (Load, Loaded or Reload), as speech control needs.
        aria-label={t('models.local.actionNamed', { action: loadWord, name: model.displayName })}
        disabled={
          model.missing || layersProblem !== null || (loaded !== null && Object.keys(choice).length === 0)
        }
        onClick={() => props.onLoad(choice)}
      >
        {loadWord}
      </button>
      {confirming ? (
        <fieldset className="message__confirm">
          <legend>{t(`models.local.confirmRemove.${confirmKey}`, { name: model.displayName })}</legend>
          <button type="button" className="button button--danger" onClick={props.onRemove}>
            {t('models.local.remove')}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {t('models.local.keep')}
          </button>
        </fieldset>
      ) : (
        <button
          type="button"
          className="button"
          aria-label={t('models.local.removeNamed', { name: model.displayName })}
          onClick={() => setConfirming(true)}
        >
          {t('models.local.remove')}
        </button>
      )}
    </div>
  );
}
