import { GgufInsights, type GgufFileInfo, type Llama } from 'node-llama-cpp';
import type { FitEstimate } from '../../shared/models.js';
import { classifyFit, type MemoryBudget, type Requirements } from './fitClassify.js';

/** ROSE runs the safe and the reverse prompt side by side: two sequences in one context. */
export const roseSequences = 2;

/**
 * Fit of a real GGUF file at `contextSize` tokens per sequence, from node-llama-cpp's insights
 * (weights split by layer, KV cache and compute buffers as llama.cpp allocates them).
 */
export async function estimateGgufFit(
  fileInfo: GgufFileInfo,
  llama: Llama,
  contextSize: number,
  budget: MemoryBudget,
): Promise<FitEstimate> {
  const insights = await GgufInsights.from(fileInfo, llama);
  const requirementsAt = (gpuLayers: number): Requirements => {
    const model = insights.estimateModelResourceRequirements({ gpuLayers });
    const context = insights.estimateContextResourceRequirements({
      contextSize,
      modelGpuLayers: gpuLayers,
      sequences: roseSequences,
    });
    const single = insights.estimateContextResourceRequirements({
      contextSize,
      modelGpuLayers: gpuLayers,
      sequences: 1,
    });
    return {
      modelBytes: model.cpuRam + model.gpuVram,
      contextBytes: context.cpuRam + context.gpuVram,
      contextBytesSingleSequence: single.cpuRam + single.gpuVram,
      ramBytes: model.cpuRam + context.cpuRam,
      vramBytes: model.gpuVram + context.gpuVram,
    };
  };
  return classifyFit(insights.totalLayers, requirementsAt, budget, {
    contextSize,
    sequences: roseSequences,
    method: 'gguf',
  });
}
