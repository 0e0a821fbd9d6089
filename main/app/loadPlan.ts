import type { LoadFit } from '../../shared/contract/index.js';
import type { FitEstimate } from '../../shared/models.js';
import { inspectGguf } from '../models/ggufInspect.js';
import type { ModelsFit } from '../services/modelsFit.js';

/** Context sizes a load tries, largest first: roomy enough for a chat, small enough to fit most machines. */
export const loadContextSizes = [4096, 2048, 1024, 512] as const;

/** The fit estimate of one file at a context size (ModelsFit.fileFit). */
export type FitAt = (contextSize: number) => Promise<FitEstimate>;

/**
 * Chooses the context size for a load: the largest candidate, capped at the model's training
 * context, whose estimate with ROSE's two sequences fits somewhere (GPU, split or CPU). When none
 * fits, the smallest is used and the reason says so; the load may still fail with a clear error.
 */
export async function chooseLoadFit(fitAt: FitAt, trainContextSize: number): Promise<LoadFit> {
  const cap = trainContextSize > 0 ? trainContextSize : Number.POSITIVE_INFINITY;
  const sizes = [...new Set(loadContextSizes.map((size) => Math.min(size, cap)))];
  const tried: LoadFit['tried'] = [];
  let last: FitEstimate | undefined;
  for (const size of sizes) {
    last = await fitAt(size);
    tried.push({ contextSize: size, verdict: last.verdict });
    if (last.verdict !== 'none') return view(size, last, tried, reasonFor(size, last, cap === size));
  }
  const smallest = sizes[sizes.length - 1]!;
  return view(
    smallest,
    last!,
    tried,
    `no context size fits in the memory this machine has free (estimate with two sequences); trying ${smallest} tokens`,
  );
}

function view(contextSize: number, fit: FitEstimate, tried: LoadFit['tried'], reason: string): LoadFit {
  return {
    contextSize,
    verdict: fit.verdict,
    estimatedGpuLayers: fit.gpuLayers,
    totalLayers: fit.totalLayers,
    tried,
    reason,
  };
}

const where: Record<FitEstimate['verdict'], string> = {
  gpu: 'entirely on the GPU',
  partial: 'split between GPU and CPU',
  cpu: 'on the CPU',
  none: 'nowhere',
};

function reasonFor(size: number, fit: FitEstimate, capped: boolean): string {
  const limit = capped ? ' (the most the model was trained for)' : '';
  return `${size} tokens${limit} fit ${where[fit.verdict]} with ROSE's two sequences`;
}

/** The load fit of a GGUF file on this machine, from ModelsFit's estimates. */
export async function planLoad(fit: ModelsFit, path: string): Promise<LoadFit> {
  const { metadata } = await inspectGguf(path);
  return chooseLoadFit((contextSize) => fit.fileFit(path, contextSize), metadata.contextLength);
}
