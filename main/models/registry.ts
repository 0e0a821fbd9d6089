import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../../shared/errors.js';
import type { LocalModel } from '../../shared/models.js';

/** A download that started but has not finished; kept so the app can offer to resume it after a restart. */
export type PendingDownload = {
  uri: string;
  url: string;
  fileName: string;
  /** Partial data lives in `<modelsDir>/<fileName>.download.ipull`. */
  sha256?: string;
  startedAt: string;
};

/** The contents of `<data-dir>/models.json`. */
export type RegistryData = { version: 1; models: LocalModel[]; downloads: PendingDownload[] };

const metadataSchema = z.object({
  ggufVersion: z.number(),
  architecture: z.string(),
  name: z.string().optional(),
  parameters: z.number(),
  quantization: z.string(),
  contextLength: z.number(),
  layers: z.number(),
  hasChatTemplate: z.boolean(),
});
const registrySchema = z.object({
  version: z.literal(1),
  models: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      path: z.string(),
      storage: z.enum(['downloaded', 'copied', 'referenced']),
      sizeBytes: z.number(),
      sha256: z.string(),
      sha256Source: z.enum(['verified', 'computed']),
      sourceUri: z.string().optional(),
      addedAt: z.string(),
      metadata: metadataSchema,
    }),
  ),
  downloads: z.array(
    z.object({
      uri: z.string(),
      url: z.string(),
      fileName: z.string(),
      sha256: z.string().optional(),
      startedAt: z.string(),
    }),
  ),
});

export function registryPath(dataDir: string): string {
  return join(dataDir, 'models.json');
}

/** Reads models.json; a missing file is an empty registry, a damaged one a UserError (never silently reset). */
export async function readRegistry(dataDir: string): Promise<RegistryData> {
  const path = registryPath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, models: [], downloads: [] };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError(
      'registry-damaged',
      `${path} is not valid JSON; fix or move it away and import the models again.`,
    );
  }
  const parsed = registrySchema.safeParse(json);
  if (!parsed.success) {
    throw new UserError(
      'registry-damaged',
      `${path} has an unexpected shape; fix or move it away and import the models again.`,
    );
  }
  return parsed.data as RegistryData;
}

/** Writes models.json atomically: a crash mid-write leaves the previous version intact. */
export async function writeRegistry(dataDir: string, data: RegistryData): Promise<void> {
  const path = registryPath(dataDir);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Read-modify-write of the registry, one at a time within this process, so two downloads finishing
 * together cannot drop each other's entry.
 */
export class RegistryStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataDir: string) {}

  read(): Promise<RegistryData> {
    return readRegistry(this.dataDir);
  }

  update<T>(change: (data: RegistryData) => T | Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const data = await readRegistry(this.dataDir);
      const result = await change(data);
      await writeRegistry(this.dataDir, data);
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
