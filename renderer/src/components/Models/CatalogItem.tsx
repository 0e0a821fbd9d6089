import { useState } from 'react';
import type { CatalogEntry } from '../../../../shared/catalog.js';
import type { CatalogFit } from '../../../../shared/models.js';
import { useTranslation } from '../../i18n/index.js';
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
  const { t, i18n } = useTranslation();
  const [quantization, setQuantization] = useState<string>(entry.defaultQuantization);
  const variant = entry.variants.find((v) => v.quantization === quantization) ?? entry.variants[0]!;
  const fit = fits.find((f) => f.catalogId === entry.id && f.quantization === variant.quantization)?.fit;
  const label = `${entry.name} ${variant.quantization}`;
  const billions = new Intl.NumberFormat(i18n.language, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    useGrouping: false,
  }).format(entry.parameters / 1e9);
  return (
    <li className={`catalog-item${recommended ? ' catalog-item--recommended' : ''}`} aria-label={entry.name}>
      <div className="catalog-item__head">
        <strong>{entry.name}</strong>
        {recommended && <span className="badge badge--accent">{t('models.catalog.recommended')}</span>}
      </div>
      <p className="catalog-item__description">{entry.description}</p>
      <p className="hint">
        {t('models.catalog.facts', { billions, contextLength: entry.contextLength })}{' '}
        <a href={entry.licenceUrl} target="_blank" rel="noreferrer">
          {entry.licence}
        </a>
      </p>
      <div className="catalog-item__row">
        <label>
          <span className="visually-hidden">{t('models.catalog.quantizationOf', { name: entry.name })}</span>
          <select value={variant.quantization} onChange={(e) => setQuantization(e.target.value)}>
            {entry.variants.map((v) => (
              <option key={v.quantization} value={v.quantization}>
                {v.quantization} · {formatBytes(v.approxSizeBytes)}
              </option>
            ))}
          </select>
        </label>
        {fit && (
          <span className={`fit fit--${fit.verdict}`} title={fitDetail(fit, t)}>
            {fitLabel(fit, t)}
          </span>
        )}
        <button
          type="button"
          className="button"
          aria-label={t('models.catalog.downloadNamed', { name: label })}
          onClick={() => onDownload(variant.uri, label)}
        >
          {t('models.catalog.download')}
        </button>
      </div>
      {fit && <p className="hint">{fitDetail(fit, t)}</p>}
    </li>
  );
}
