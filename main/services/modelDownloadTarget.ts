import type { Catalog } from '../../shared/catalog.js';
import { UserError } from '../../shared/errors.js';
import type { DownloadRequest } from '../../shared/models.js';

/**
 * What to fetch for a download request: a catalog id (its default quantization), `id:QUANT`,
 * or a URI taken as is. A hash the user passes wins over the catalog's.
 */
export async function resolveDownloadTarget(
  catalog: Catalog,
  request: DownloadRequest,
): Promise<{ uri: string; sha256?: string }> {
  const userHash = request.sha256?.toLowerCase();
  if (request.uri.startsWith('hf:') || /^https?:\/\//i.test(request.uri)) {
    const known = catalog.models
      .flatMap((entry) => entry.variants)
      .find((variant) => variant.uri === request.uri);
    const sha256 = userHash ?? known?.sha256;
    return { uri: request.uri, ...(sha256 ? { sha256 } : {}) };
  }
  const [id, quantization] = request.uri.split(':');
  const entry = catalog.models.find((candidate) => candidate.id === id);
  if (!entry) {
    throw new UserError(
      'bad-uri',
      `'${request.uri}' is neither a catalog id nor a URI. Use an id from 'rose models catalog', hf:user/repo/file.gguf or an http(s) URL.`,
    );
  }
  const wanted = (quantization ?? entry.defaultQuantization).toUpperCase();
  const variant = entry.variants.find((candidate) => candidate.quantization === wanted);
  if (!variant) {
    const offered = entry.variants.map((candidate) => candidate.quantization).join(', ');
    throw new UserError('bad-uri', `${entry.id} is not offered as ${wanted}; choose one of ${offered}.`);
  }
  const sha256 = userHash ?? variant.sha256;
  return { uri: variant.uri, ...(sha256 ? { sha256 } : {}) };
}
