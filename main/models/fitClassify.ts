import type { FitEstimate, HardwareInfo } from '../../shared/models.js';

/** Memory a model and its context need with `gpuLayers` offloaded, split between RAM and VRAM. */
export type Requirements = {
  modelBytes: number;
  contextBytes: number;
  contextBytesSingleSequence: number;
  ramBytes: number;
  vramBytes: number;
};

/** How much of each memory Rose lets a model use (see docs/models-and-hardware.md). */
export type MemoryBudget = { ramBytes: number; vramBytes: number; hasGpu: boolean };

/** Share of RAM a model may take: the rest is for the OS, the app and the page cache. */
export const ramShare = 0.8;
/** Share of the VRAM free now: drivers and other apps need some slack. */
export const vramShare = 0.9;

export function memoryBudget(hardware: HardwareInfo): MemoryBudget {
  const hasGpu = hardware.gpu.kind !== 'none' && hardware.gpu.vramTotalBytes > 0;
  return {
    ramBytes: Math.floor(hardware.ram.totalBytes * ramShare),
    vramBytes: hasGpu ? Math.floor(hardware.gpu.vramFreeBytes * vramShare) : 0,
    hasGpu,
  };
}

/**
 * Finds the most layers that can go to the GPU and says where the model runs: all layers on the
 * GPU, some (partial), none but it fits in RAM (cpu), or it fits nowhere.
 */
export function classifyFit(
  totalLayers: number,
  requirementsAt: (gpuLayers: number) => Requirements,
  budget: MemoryBudget,
  meta: { contextSize: number; sequences: number; method: FitEstimate['method'] },
): FitEstimate {
  const fits = (req: Requirements) => req.ramBytes <= budget.ramBytes && req.vramBytes <= budget.vramBytes;
  if (budget.hasGpu) {
    for (let layers = totalLayers; layers > 0; layers--) {
      const req = requirementsAt(layers);
      if (fits(req)) return build(layers === totalLayers ? 'gpu' : 'partial', layers, req);
    }
  }
  const cpuOnly = requirementsAt(0);
  return build(fits(cpuOnly) ? 'cpu' : 'none', 0, cpuOnly);

  function build(verdict: FitEstimate['verdict'], gpuLayers: number, req: Requirements): FitEstimate {
    return {
      verdict,
      gpuLayers,
      totalLayers,
      contextSize: meta.contextSize,
      sequences: meta.sequences,
      modelBytes: req.modelBytes,
      contextBytes: req.contextBytes,
      contextBytesSingleSequence: req.contextBytesSingleSequence,
      ramBytes: req.ramBytes,
      vramBytes: req.vramBytes,
      method: meta.method,
    };
  }
}
