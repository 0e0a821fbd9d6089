import { useState } from 'react';
import type { CatalogEntry } from '../../../../shared/catalog.js';
import type { CatalogFit } from '../../../../shared/models.js';
import { fitDetail, fitLabel } from '../../lib/fitText.js';
import { formatBytes } from '../../lib/sizes.js';

type Props = {
  entry: CatalogEntry;
  fits: CatalogFit[];
  recommended: boolean;
  onDownload: (uri: string, label: string) => void;
};

/** One catalog model: what it is, the chosen quantization's size and fit, and a download button. */
export function CatalogItem({ entry, fits, recommended, onDownload }: Props) {
  const [quantization, setQuantization] = useState<string>(entry.defaultQuantization);
  const variant = entry.variants.find((v) => v.quantization === quantization) ?? entry.variants[0]!;
  const fit = fits.find((f) => f.catalogId === entry.id && f.quantization === variant.quantization)?.fit;
  const label = `${entry.name} ${variant.quantization}`;
  return (
    <li className={`catalog-item${recommended ? ' catalog-item--recommended' : ''}`} aria-label={entry.name}>
      <div className="catalog-item__head">
        <strong>{entry.name}</strong>
        {recommended && <span className="badge badge--accent">Recommended for this computer</span>}
      </div>
      <p className="catalog-item__description">{entry.description}</p>
      <p className="hint">
        {(entry.parameters / 1e9).toFixed(1)} B parameters · context {entry.contextLength} ·{' '}
        <a href={entry.licenceUrl} target="_blank" rel="noreferrer">
          {entry.licence}
        </a>
      </p>
      <div className="catalog-item__row">
        <label>
          <span className="visually-hidden">Quantization of {entry.name}</span>
          <select value={variant.quantization} onChange={(e) => setQuantization(e.target.value)}>
            {entry.variants.map((v) => (
              <option key={v.quantization} value={v.quantization}>
                {v.quantization} · {formatBytes(v.approxSizeBytes)}
              </option>
            ))}
          </select>
        </label>
        {fit && (
          <span className={`fit fit--${fit.verdict}`} title={fitDetail(fit)}>
            {fitLabel(fit)}
          </span>
        )}
        <button
          type="button"
          className="button"
          aria-label={`Download ${label}`}
          onClick={() => onDownload(variant.uri, label)}
        >
          Download
        </button>
      </div>
      {fit && <p className="hint">{fitDetail(fit)}</p>}
    </li>
  );
}
