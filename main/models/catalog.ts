import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Catalog, type CatalogEntry, type CatalogVariant, catalogSchema } from '../../shared/catalog.js';
import { UserError } from '../../shared/errors.js';

/**
 * `assets/catalog.json` sits at the repository (or app) root: two folders above this file in the
 * sources, three above it once compiled into dist/.
 */
function defaultCatalogPath(): string {
  for (const relative of ['../../assets/catalog.json', '../../../assets/catalog.json']) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new UserError(
    'catalog-missing',
    'the model catalog (assets/catalog.json) is missing from this installation.',
  );
}

/** Reads and validates the curated model list. */
export async function loadCatalog(path = defaultCatalogPath()): Promise<Catalog> {
  const text = await readFile(path, 'utf8');
  const parsed = catalogSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(
      'catalog-invalid',
      `the model catalog ${path} is invalid at ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** The catalog entry and variant a download URI belongs to, if any. */
export function findCatalogVariant(
  catalog: Catalog,
  uri: string,
): { entry: CatalogEntry; variant: CatalogVariant } | undefined {
  for (const entry of catalog.models) {
    const variant = entry.variants.find((candidate) => candidate.uri === uri);
    if (variant) return { entry, variant };
  }
  return undefined;
}
