import { useState } from 'react';
import type { LoadedModel } from '../../../../shared/contract/index.js';
import type { LocalModel } from '../../../../shared/models.js';
import { messageOf } from '../../api/call.js';
import { useApp } from '../../appContext.js';
import { formatBytes } from '../../lib/sizes.js';

type Props = { items: LocalModel[]; loaded: LoadedModel | null };

/** The models on this computer: load one, remove one, see what its header says. */
export function LocalModels({ items, loaded }: Props) {
  const app = useApp();
  if (items.length === 0) return <p className="hint">No models yet: download one below or import a file.</p>;
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
              {isLoaded && <span className="badge badge--accent">Loaded</span>}
              {model.missing && <span className="badge">File missing</span>}
            </div>
            <p className="hint">
              {model.metadata.architecture} · {model.metadata.quantization} · {formatBytes(model.sizeBytes)} ·{' '}
              {model.storage}
            </p>
            {isLoaded && loaded?.autoFit && <p className="hint">Context: {loaded.autoFit.reason}.</p>}
            <details>
              <summary>Info</summary>
              <dl className="hardware">
                <div className="hardware__row">
                  <dt>File</dt>
                  <dd>
                    <code className="path">{model.path}</code>
                  </dd>
                </div>
                <div className="hardware__row">
                  <dt>Parameters</dt>
                  <dd>{model.metadata.parameters.toLocaleString()}</dd>
                </div>
                <div className="hardware__row">
                  <dt>Trained context</dt>
                  <dd>{model.metadata.contextLength} tokens</dd>
                </div>
                <div className="hardware__row">
                  <dt>Chat template</dt>
                  <dd>{model.metadata.hasChatTemplate ? 'yes' : 'no (a generic one is used)'}</dd>
                </div>
                <div className="hardware__row">
                  <dt>sha256</dt>
                  <dd>
                    <code className="path">{model.sha256}</code> ({model.sha256Source})
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
  const { model, loaded } = props;
  const [context, setContext] = useState('auto');
  const [gpuLayers, setGpuLayers] = useState('');
  const [confirming, setConfirming] = useState(false);
  const trained = model.metadata.contextLength || Number.POSITIVE_INFINITY;
  const sizes = CONTEXT_CHOICES.filter((size) => size <= trained);
  const layers = gpuLayers.trim() === '' ? undefined : Number(gpuLayers);
  const layersProblem =
    layers !== undefined && (!Number.isInteger(layers) || layers < 0 || layers > 1000)
      ? 'GPU layers must be a whole number from 0 to 1000'
      : null;
  const choice = {
    ...(context === 'auto' ? {} : { contextSize: Number(context) }),
    ...(layers === undefined || layersProblem ? {} : { gpuLayers: layers }),
  };
  return (
    <div className="download__actions">
      <label className="inline-field">
        <span>Context</span>
        <select
          value={context}
          onChange={(e) => setContext(e.target.value)}
          aria-label={`Context size for ${model.displayName}`}
        >
          <option value="auto">Automatic{loaded ? ` (${loaded.contextSize})` : ''}</option>
          {sizes.map((size) => (
            <option key={size} value={size}>
              {size} tokens
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>GPU layers</span>
        <input
          type="number"
          min={0}
          max={1000}
          placeholder="auto"
          value={gpuLayers}
          aria-label={`GPU layers for ${model.displayName}`}
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
        aria-label={`${loaded ? 'Reload' : 'Load'} ${model.displayName}`}
        disabled={
          model.missing || layersProblem !== null || (loaded !== null && Object.keys(choice).length === 0)
        }
        onClick={() => props.onLoad(choice)}
      >
        {loaded ? (Object.keys(choice).length ? 'Reload' : 'Loaded') : 'Load'}
      </button>
      {confirming ? (
        <fieldset className="message__confirm">
          <legend>
            Remove {model.displayName}
            {loaded ? ' and unload it' : ''}
            {model.storage === 'copied' ? ' (its copy is deleted)' : ' (the file stays where it is)'}?
          </legend>
          <button type="button" className="button button--danger" onClick={props.onRemove}>
            Remove
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </fieldset>
      ) : (
        <button
          type="button"
          className="button"
          aria-label={`Remove ${model.displayName}`}
          onClick={() => setConfirming(true)}
        >
          Remove
        </button>
      )}
    </div>
  );
}
