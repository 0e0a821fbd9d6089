/**
 * Child-process entry of the FFI canary. A wrong struct layout can crash a process, so the first
 * real FFI model load happens here, never in the app. Receives one message, answers one message.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLlama, type LlamaGpuType, LlamaLogLevel } from 'node-llama-cpp';
import { writeSyntheticModel } from '../../models/synthetic/syntheticModel.js';
import { type CanaryReport, compareFfiWithApi } from './canaryCompare.js';
import type { LayoutTable } from './layoutTable.js';
import { runStaticGate } from './staticGate.js';

/** What the parent sends. */
export type CanaryRequest = { table: LayoutTable; gpu: LlamaGpuType; expectedLibrary: string };
/** What the child answers. */
export type CanaryResponse = CanaryReport & { libraryPath?: string };

async function runCanary(request: CanaryRequest): Promise<CanaryResponse> {
  const failed = (reason: string): CanaryResponse => ({
    ok: false,
    reason,
    maxProbabilityDifference: Number.NaN,
    ffiTokens: [],
    apiTokens: [],
  });
  const llama = await getLlama({
    gpu: request.gpu,
    maxThreads: 1,
    build: 'never',
    progressLogs: false,
    logLevel: LlamaLogLevel.error,
  });
  const folder = await mkdtemp(join(tmpdir(), 'rose-ffi-canary-'));
  try {
    const gate = await runStaticGate(request.table, llama.gpu);
    if (!gate.ok) return failed(`in the canary process: ${gate.reason}`);
    if (gate.runtime.libraryPath !== request.expectedLibrary) {
      return failed(
        `the canary process loaded ${gate.runtime.libraryPath}, the app ${request.expectedLibrary}`,
      );
    }
    const { path } = await writeSyntheticModel(join(folder, 'canary.gguf'), { seed: 7 });
    const report = await compareFfiWithApi(llama, gate.runtime, path);
    return { ...report, libraryPath: gate.runtime.libraryPath };
  } finally {
    await llama.dispose();
    await rm(folder, { recursive: true, force: true });
  }
}

process.once('message', (message) => {
  runCanary(message as CanaryRequest).then(
    (response) => process.send?.(response, () => process.exit(0)),
    (error: unknown) =>
      process.send?.(
        {
          ok: false,
          reason: `canary error: ${(error as Error)?.message ?? String(error)}`,
          maxProbabilityDifference: Number.NaN,
          ffiTokens: [],
          apiTokens: [],
        },
        () => process.exit(0),
      ),
  );
});
