import type { Llama } from 'node-llama-cpp';
import type { CatalogEntry } from '../../shared/catalog.js';
import type { CatalogFit, FitEstimate, HardwareInfo, LocalModel } from '../../shared/models.js';
import { estimateCatalogFit } from '../models/catalogFit.js';
import { memoryBudget } from '../models/fitClassify.js';
import { estimateGgufFit } from '../models/ggufFit.js';
import { inspectGguf } from '../models/ggufInspect.js';
import { detectHardware, loadDetectionLlama } from '../models/hardware.js';
import type { ModelLibrary } from './models.js';

/** The context size fit estimates use unless asked for another: a roomy chat that every catalog model supports. */
export const defaultFitContextSize = 4096;

/** Everything the hardware page and `rose hardware` show. */
export type HardwareReport = {
  hardware: HardwareInfo;
  contextSize: number;
  catalog: CatalogFit[];
  local: { modelId: string; displayName: string; fit?: FitEstimate; error?: string }[];
  /** The catalog model (at its default quantization) suggested for this machine, if any fits. */
  recommended?: { catalogId: string; quantization: string; uri: string; reason: string };
};

/**
 * Hardware detection and fit estimates. The node-llama-cpp instance used for detection is
 * created once, on first use, and reused for the GGUF insights.
 */
export class ModelsFit {
  private llamaPromise?: Promise<Llama>;

  constructor(
    private readonly library: ModelLibrary,
    private readonly getLlama: () => Promise<Llama> = loadDetectionLlama,
  ) {}

  private llama(): Promise<Llama> {
    this.llamaPromise ??= this.getLlama();
    return this.llamaPromise;
  }

  async hardware(): Promise<HardwareInfo> {
    return detectHardware(await this.llama());
  }

  async report(contextSize = defaultFitContextSize): Promise<HardwareReport> {
    const llama = await this.llama();
    const hardware = await detectHardware(llama);
    const budget = memoryBudget(hardware);
    const catalog = await this.library.catalog();
    const catalogFits = catalog.models.flatMap((entry) =>
      entry.variants.map((variant) => ({
        catalogId: entry.id,
        quantization: variant.quantization,
        uri: variant.uri,
        fit: estimateCatalogFit(entry, variant, Math.min(contextSize, entry.contextLength), budget),
      })),
    );
    const local = await Promise.all(
      (await this.library.list()).map(async (model) => this.localFit(model, llama, contextSize, budget)),
    );
    const recommended = recommend(catalog.models, catalogFits, hardware);
    return { hardware, contextSize, catalog: catalogFits, local, ...(recommended ? { recommended } : {}) };
  }

  /** Fit of one GGUF file (registered or not) at `contextSize`. */
  async fileFit(path: string, contextSize = defaultFitContextSize): Promise<FitEstimate> {
    const llama = await this.llama();
    const budget = memoryBudget(await detectHardware(llama));
    const inspected = await inspectGguf(path);
    return estimateGgufFit(
      inspected.fileInfo,
      llama,
      clampContext(contextSize, inspected.metadata.contextLength),
      budget,
    );
  }

  private async localFit(
    model: LocalModel,
    llama: Llama,
    contextSize: number,
    budget: ReturnType<typeof memoryBudget>,
  ): Promise<HardwareReport['local'][number]> {
    const base = { modelId: model.id, displayName: model.displayName };
    if (model.missing) return { ...base, error: `the file ${model.path} is missing` };
    try {
      const inspected = await inspectGguf(model.path);
      const context = clampContext(contextSize, inspected.metadata.contextLength);
      return { ...base, fit: await estimateGgufFit(inspected.fileInfo, llama, context, budget) };
    } catch (error) {
      return { ...base, error: (error as Error).message };
    }
  }
}

/** A model cannot use more context than it was trained for. */
function clampContext(requested: number, trained: number): number {
  return trained > 0 ? Math.min(requested, trained) : requested;
}

/**
 * The largest catalog model that runs entirely on the GPU; on a CPU-only machine the largest that
 * fits in RAM and stays responsive — ROSE evaluates two sequences per token, so the CPU ceiling is
 * half a billion parameters per core, at most 4 billion.
 */
export function recommend(
  entries: readonly CatalogEntry[],
  fits: readonly CatalogFit[],
  hardware: HardwareInfo,
): HardwareReport['recommended'] {
  const defaults = entries.flatMap((entry) => {
    const fit = fits.find(
      (candidate) => candidate.catalogId === entry.id && candidate.quantization === entry.defaultQuantization,
    );
    return fit ? [{ entry, fit }] : [];
  });
  const bySize = [...defaults].sort((a, b) => b.entry.parameters - a.entry.parameters);
  const onGpu = bySize.find(({ fit }) => fit.fit.verdict === 'gpu');
  if (onGpu) return pick(onGpu, 'the largest catalog model that fits entirely in GPU memory');
  const cpuCeiling = Math.min(4e9, hardware.cpu.cores * 0.5e9);
  const onCpu =
    bySize.find(({ entry, fit }) => fit.fit.verdict !== 'none' && entry.parameters <= cpuCeiling) ??
    [...bySize].reverse().find(({ fit }) => fit.fit.verdict !== 'none');
  if (onCpu) {
    return pick(onCpu, `a model small enough to answer at a usable speed on ${hardware.cpu.cores} CPU cores`);
  }
  return undefined;

  function pick({ entry, fit }: { entry: CatalogEntry; fit: CatalogFit }, reason: string) {
    return { catalogId: entry.id, quantization: fit.quantization, uri: fit.uri, reason };
  }
}
