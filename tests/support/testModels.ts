import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSyntheticModel } from '../../main/models/synthetic/modelCache.js';
import type { SyntheticModelOptions } from '../../main/models/synthetic/syntheticModel.js';

/**
 * Synthetic GGUF models for tests, written on first use and cached in the temp folder. The
 * default is the tiny model (vocab 1000, 2 layers × 64 wide, 4 heads / 2 KV heads, ff 128, F32,
 * ChatML, context 2048, seed 1); pass any options to change it.
 */

/** Folder shared by all test processes; file names are a hash of options and writer code. */
export const testModelDirectory = join(tmpdir(), 'rose-test-models');

/**
 * The path of a model with these options (defaults: the tiny model). Written at most once per
 * process and reused across processes; safe when test processes run concurrently.
 */
export async function getTinyModel(options: Partial<SyntheticModelOptions> = {}): Promise<string> {
  return (await ensureSyntheticModel(testModelDirectory, options)).path;
}
