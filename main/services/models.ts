import { modelDisplayName } from '../models/displayName.js';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { Catalog } from '../../shared/catalog.js';
import { UserError } from '../../shared/errors.js';
import type { LocalModel, ModelMetadata } from '../../shared/models.js';
import { loadCatalog } from '../models/catalog.js';
import { assertDiskSpace, type FreeSpaceProbe, statfsFreeSpace } from '../models/diskSpace.js';
import { type InspectedGguf, inspectGguf } from '../models/ggufInspect.js';
import { RegistryStore } from '../models/registry.js';
import { sha256File } from '../models/sha256.js';
import { newModelId } from './modelIds.js';

export type ModelLibraryOptions = {
  /** The data folder; models live in its `models/` folder and are listed in its `models.json`. */
  dataDir: string;
  /** Free-space probe; a test passes one that reports a small disk. */
  freeSpace?: FreeSpaceProbe;
  catalogPath?: string;
};

/** What `info` reports about a file, registered or not. */
export type ModelFileInfo = {
  path: string;
  sizeBytes: number;
  metadata: ModelMetadata;
  registeredAs?: string;
};

/**
 * The user's models: the catalog, the files Rose knows about (in `<data-dir>/models.json`),
 * importing, inspecting and removing them. A file enters the list only once checked.
 */
export class ModelLibrary {
  readonly store: RegistryStore;
  readonly modelsDir: string;
  readonly freeSpace: FreeSpaceProbe;
  private catalogPromise?: Promise<Catalog>;

  constructor(private readonly options: ModelLibraryOptions) {
    this.store = new RegistryStore(options.dataDir);
    this.modelsDir = join(options.dataDir, 'models');
    this.freeSpace = options.freeSpace ?? statfsFreeSpace;
  }

  catalog(): Promise<Catalog> {
    this.catalogPromise ??= loadCatalog(this.options.catalogPath);
    return this.catalogPromise;
  }

  /** Registered models, each marked `missing` when its file has gone. */
  async list(): Promise<LocalModel[]> {
    const { models } = await this.store.read();
    return Promise.all(
      models.map(async (model) =>
        (await isFile(model.path)) ? model : { ...model, missing: true as const },
      ),
    );
  }

  async get(id: string): Promise<LocalModel> {
    const model = (await this.store.read()).models.find((candidate) => candidate.id === id);
    if (!model)
      throw new UserError(
        'model-not-found',
        `no model with id '${id}'. Run 'rose models list' to see the ids.`,
      );
    return model;
  }

  /** Checks a GGUF file and reads its metadata without adding it. */
  async info(path: string): Promise<ModelFileInfo & { inspected: InspectedGguf }> {
    const absolute = resolve(path);
    const inspected = await inspectGguf(absolute);
    const registered = (await this.store.read()).models.find((model) => model.path === absolute);
    return {
      path: absolute,
      sizeBytes: inspected.sizeBytes,
      metadata: inspected.metadata,
      ...(registered ? { registeredAs: registered.id } : {}),
      inspected,
    };
  }

  /**
   * Adds a GGUF from anywhere: by reference (the file stays where it is) or copied into the models
   * folder. The same file (same sha256) is never listed twice: importing it again returns the entry.
   */
  async import(path: string, { copy }: { copy: boolean }): Promise<LocalModel> {
    const source = resolve(path);
    const inspected = await inspectGguf(source);
    const sha256 = await sha256File(source);
    const existing = (await this.store.read()).models.find((model) => model.sha256 === sha256);
    if (existing && (await isFile(existing.path))) return existing;

    const target = copy ? await this.copyIntoLibrary(source, sha256, inspected.sizeBytes) : source;
    return this.store.update((data) => {
      data.models = data.models.filter((model) => model.sha256 !== sha256);
      const model: LocalModel = {
        id: newModelId(basename(target), new Set(data.models.map((m) => m.id))),
        displayName: modelDisplayName(inspected.metadata, target),
        path: target,
        storage: copy ? 'copied' : 'referenced',
        sizeBytes: inspected.sizeBytes,
        sha256,
        sha256Source: 'computed',
        addedAt: new Date().toISOString(),
        metadata: inspected.metadata,
      };
      data.models.push(model);
      return model;
    });
  }

  /** Unlists a model; deletes the file only when Rose put it in the models folder. */
  async remove(id: string): Promise<LocalModel> {
    const removed = await this.store.update((data) => {
      const model = data.models.find((candidate) => candidate.id === id);
      if (!model)
        throw new UserError(
          'model-not-found',
          `no model with id '${id}'. Run 'rose models list' to see the ids.`,
        );
      data.models = data.models.filter((candidate) => candidate !== model);
      return model;
    });
    if (removed.storage !== 'referenced' && this.ownsPath(removed.path))
      await rm(removed.path, { force: true });
    return removed;
  }

  /** Registers a downloaded file that has been verified and moved into place. */
  addDownloaded(model: Omit<LocalModel, 'id' | 'addedAt' | 'storage'>): Promise<LocalModel> {
    return this.store.update((data) => {
      data.models = data.models.filter((existing) => existing.path !== model.path);
      const entry: LocalModel = {
        ...model,
        id: newModelId(basename(model.path), new Set(data.models.map((m) => m.id))),
        storage: 'downloaded',
        addedAt: new Date().toISOString(),
      };
      data.models.push(entry);
      return entry;
    });
  }

  /** True when `path` lies inside this data folder's models folder. */
  ownsPath(path: string): boolean {
    const inside = relative(this.modelsDir, path);
    return inside !== '' && !inside.startsWith(`..${sep}`) && inside !== '..' && !inside.startsWith(sep);
  }

  private async copyIntoLibrary(source: string, sha256: string, sizeBytes: number): Promise<string> {
    await mkdir(this.modelsDir, { recursive: true });
    await assertDiskSpace(this.modelsDir, sizeBytes, this.freeSpace);
    const target = await this.freeTargetPath(basename(source), sha256);
    if (target.reused) return target.path;
    const temp = `${target.path}.${randomBytes(4).toString('hex')}.copying`;
    try {
      await copyFile(source, temp);
      if ((await sha256File(temp)) !== sha256) {
        throw new UserError(
          'copy-corrupt',
          `copying ${basename(source)} produced a different file; the copy was deleted.`,
        );
      }
      await rename(temp, target.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return target.path;
  }

  /** The file name in the models folder, or a numbered variant when another file already has it. */
  private async freeTargetPath(fileName: string, sha256: string): Promise<{ path: string; reused: boolean }> {
    const stem = fileName.replace(/\.gguf$/i, '');
    for (let n = 1; ; n++) {
      const path = join(this.modelsDir, n === 1 ? fileName : `${stem}-${n}.gguf`);
      if (!(await isFile(path))) return { path, reused: false };
      if ((await sha256File(path)) === sha256) return { path, reused: true };
    }
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
