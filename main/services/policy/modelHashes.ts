import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sha256File } from '../../models/sha256.js';

/**
 * The sha256 of model files, computed from the bytes (a registry entry or a file name could be
 * stale: the same name may hold another file) and cached by path, size and modification time so
 * a multi-gigabyte model is hashed once, not per message.
 */
export class ModelHashes {
  private readonly cache = new Map<string, { size: number; mtimeMs: number; sha256: string }>();

  async sha256(path: string): Promise<string> {
    const absolute = resolve(path);
    const stats = await stat(absolute);
    const cached = this.cache.get(absolute);
    if (cached && cached.size === stats.size && cached.mtimeMs === stats.mtimeMs) return cached.sha256;
    const sha256 = await sha256File(absolute);
    this.cache.set(absolute, { size: stats.size, mtimeMs: stats.mtimeMs, sha256 });
    return sha256;
  }
}
