import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { UserError } from '../../shared/errors.js';
import type { LocalModel } from '../../shared/models.js';
import { storageUserError, withStorageErrors } from '../services/storageErrors.js';

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

/** Writes models.json atomically: a crash or a full disk mid-write leaves the previous version intact. */
export async function writeRegistry(dataDir: string, data: RegistryData): Promise<void> {
  const path = registryPath(dataDir);
  await withStorageErrors('the model list', async () => {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, `${JSON.stringify(data, null, 2)}\n`, 'utf8');
  });
}

/**
 * How processes take turns on models.json: the lock is a folder beside it (`models.json.lock`);
 * one left by a killed process is taken over once it has not been refreshed for `stale` ms.
 */
export const registryLockOptions = {
  stale: 10_000,
  update: 2_000,
  realpath: false,
  retries: { retries: 200, factor: 1.2, minTimeout: 10, maxTimeout: 250, randomize: true },
} as const;

/**
 * Read-modify-write of the registry, one writer at a time across every process that opens the
 * data folder (the app, `rose serve`, CLI commands): each change reads the file under the lock,
 * so two imports or downloads finishing together cannot drop each other's entry.
 */
export class RegistryStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataDir: string) {}

  read(): Promise<RegistryData> {
    return readRegistry(this.dataDir);
  }

  update<T>(change: (data: RegistryData) => T | Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      await withStorageErrors('the model list', () => mkdir(this.dataDir, { recursive: true }));
      const release = await lockRegistry(this.dataDir);
      try {
        const data = await readRegistry(this.dataDir);
        const result = await change(data);
        await writeRegistry(this.dataDir, data);
        return result;
      } finally {
        await release().catch(() => undefined);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

async function lockRegistry(dataDir: string): Promise<() => Promise<void>> {
  const path = registryPath(dataDir);
  try {
    return await lockfile.lock(path, {
      ...registryLockOptions,
      retries: { ...registryLockOptions.retries },
      // The default throws from a timer, which would end the process; the write that follows
      // still replaces the file atomically, so a lost lock costs at most one concurrent change.
      onCompromised: () => {},
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') {
      throw new UserError(
        'registry-busy',
        `another Rose process keeps ${path} locked; try again in a moment (a lock left by a stopped process clears itself within ${registryLockOptions.stale / 1000} s)`,
      );
    }
    throw storageUserError(error, 'the model list') ?? error;
  }
}
