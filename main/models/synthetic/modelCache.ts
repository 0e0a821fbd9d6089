import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveSyntheticOptions, type SyntheticModelOptions } from './options.js';
import { writeSyntheticModel } from './syntheticModel.js';

/** Where a cached synthetic model lives, and whether this call had to write it. */
export type CachedSyntheticModel = { path: string; written: boolean; options: SyntheticModelOptions };

const pending = new Map<string, Promise<CachedSyntheticModel>>();
let writerFingerprint: Promise<string> | undefined;

/**
 * Returns a synthetic model with these options from `folder`, writing it first if it is not
 * there. The file name is a hash of the options and of this writer's own code, so a changed
 * writer never reuses a stale file. Each model is written at most once per process; concurrent
 * processes are safe because the writer renames a complete file into place (a reader sees either
 * no file or the whole file).
 */
export async function ensureSyntheticModel(
  folder: string,
  overrides: Partial<SyntheticModelOptions> = {},
): Promise<CachedSyntheticModel> {
  const options = resolveSyntheticOptions(overrides);
  const path = join(folder, `${await cacheKey(options)}.gguf`);
  let result = pending.get(path);
  if (result === undefined) {
    result = writeIfMissing(folder, path, options);
    pending.set(path, result);
    // A failed write must not poison later calls in this process.
    result.catch(() => pending.delete(path));
  }
  return result;
}

async function writeIfMissing(
  folder: string,
  path: string,
  options: SyntheticModelOptions,
): Promise<CachedSyntheticModel> {
  await mkdir(folder, { recursive: true });
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (!exists) await writeSyntheticModel(path, options);
  return { path, written: !exists, options };
}

async function cacheKey(options: SyntheticModelOptions): Promise<string> {
  const ordered = Object.fromEntries(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)));
  writerFingerprint ??= fingerprintWriter();
  return createHash('sha256')
    .update(JSON.stringify(ordered))
    .update(await writerFingerprint)
    .digest('hex')
    .slice(0, 24);
}

/** A hash of the code in this folder (compiled .js, or .ts under a TypeScript loader). */
async function fingerprintWriter(): Promise<string> {
  const folder = fileURLToPath(new URL('./', import.meta.url));
  const names = (await readdir(folder))
    .filter((name) => /\.(js|ts)$/.test(name) && !name.endsWith('.d.ts'))
    .sort();
  const hash = createHash('sha256');
  for (const name of names) hash.update(name).update(await readFile(join(folder, name)));
  return hash.digest('hex');
}
