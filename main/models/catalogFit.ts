import { type CatalogEntry, type CatalogVariant, quantizationBitsPerWeight } from '../../shared/catalog.js';
import type { FitEstimate } from '../../shared/models.js';
import { classifyFit, type MemoryBudget, type Requirements } from './fitClassify.js';
import { roseSequences } from './ggufFit.js';

/** Keys and values are cached as 16-bit floats, llama.cpp's default. */
const kvBytesPerValue = 2;
/** Rough allowance for llama.cpp's compute buffers and a batch of logits, per place the model runs. */
export const computeAllowanceBytes = 256 * 1024 * 1024;

/**
 * KV cache of `sequences` sequences of `contextSize` tokens:
 * sequences × context × layers × (kvHeads × headDim) × 2 (keys and values) × 2 bytes.
 */
export function kvCacheBytes(entry: CatalogEntry, contextSize: number, sequences: number): number {
  const { layers, kvHeads, headDim } = entry.architecture;
  return sequences * contextSize * layers * kvHeads * headDim * 2 * kvBytesPerValue;
}

/**
 * Weights: parameters × average bits per weight of the quantization ÷ 8, or the listed file size
 * when that is larger (small models often keep their embedding table at higher precision).
 */
export function weightBytes(entry: CatalogEntry, variant: CatalogVariant): number {
  const formula = Math.round((entry.parameters * quantizationBitsPerWeight[variant.quantization]) / 8);
  return Math.max(formula, variant.approxSizeBytes);
}

/**
 * Fit of a catalog model that is not on disk, from the catalog's numbers (the formula above).
 * Offloading n of the (layers + 1 output) layers moves that share of the weights and the KV
 * cache to the GPU, plus a compute allowance on each side that holds any work.
 */
export function estimateCatalogFit(
  entry: CatalogEntry,
  variant: CatalogVariant,
  contextSize: number,
  budget: MemoryBudget,
): FitEstimate {
  const totalLayers = entry.architecture.layers + 1;
  const modelBytes = weightBytes(entry, variant);
  const kv = kvCacheBytes(entry, contextSize, roseSequences);
  const kvSingle = kvCacheBytes(entry, contextSize, 1);
  const requirementsAt = (gpuLayers: number): Requirements => {
    const gpuShare = gpuLayers / totalLayers;
    const kvGpuShare = Math.min(gpuLayers, entry.architecture.layers) / entry.architecture.layers;
    const onGpu = gpuLayers > 0;
    const onCpu = gpuLayers < totalLayers;
    const vramBytes = modelBytes * gpuShare + kv * kvGpuShare + (onGpu ? computeAllowanceBytes : 0);
    const ramBytes =
      modelBytes * (1 - gpuShare) + kv * (1 - kvGpuShare) + (onCpu ? computeAllowanceBytes : 0);
    return {
      modelBytes,
      contextBytes: kv + computeAllowanceBytes,
      contextBytesSingleSequence: kvSingle + computeAllowanceBytes,
      ramBytes: Math.round(ramBytes),
      vramBytes: Math.round(vramBytes),
    };
  };
  return classifyFit(totalLayers, requirementsAt, budget, {
    contextSize,
    sequences: roseSequences,
    method: 'formula',
  });
}
