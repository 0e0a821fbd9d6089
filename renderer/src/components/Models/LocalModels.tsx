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
            <div className="download__actions">
              <button
                type="button"
                className="button"
                aria-label={`${isLoaded ? 'Loaded' : 'Load'} ${model.displayName}`}
                disabled={isLoaded || model.missing}
                onClick={act(() => app.models.loadModel(model.id))}
              >
                {isLoaded ? 'Loaded' : 'Load'}
              </button>
              <button
                type="button"
                className="button"
                aria-label={`Remove ${model.displayName}`}
                onClick={act(() => app.models.remove(model.id))}
              >
                Remove
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
