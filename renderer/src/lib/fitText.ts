import type { FitEstimate, HardwareInfo } from '../../../shared/models.js';
import { formatBytes } from './sizes.js';

/** The verdict of a fit estimate in a few words: where the model would run. */
export function fitLabel(fit: FitEstimate): string {
  switch (fit.verdict) {
    case 'gpu':
      return 'Fits on the GPU';
    case 'partial':
      return `Partly on the GPU (${fit.gpuLayers} of ${fit.totalLayers} layers)`;
    case 'cpu':
      return 'Runs on the CPU';
    case 'none':
      return 'Does not fit';
  }
}

/** The memory behind the verdict: what goes to RAM and VRAM with ROSE's two sequences. */
export function fitDetail(fit: FitEstimate): string {
  const memory = [`${formatBytes(fit.ramBytes)} RAM`];
  if (fit.vramBytes > 0) memory.push(`${formatBytes(fit.vramBytes)} VRAM`);
  return `${memory.join(' + ')} at ${fit.contextSize} tokens × ${fit.sequences} sequences`;
}

const gpuNames: Record<HardwareInfo['gpu']['kind'], string> = {
  cuda: 'CUDA',
  vulkan: 'Vulkan',
  metal: 'Metal',
  none: 'none (CPU only)',
};

/** One line per part of the machine, for the hardware summary. */
export function hardwareLines(hardware: HardwareInfo): Array<{ term: string; value: string }> {
  const gpu = hardware.gpu;
  const lines = [
    {
      term: 'GPU',
      value:
        gpu.kind === 'none'
          ? gpuNames.none
          : `${gpuNames[gpu.kind]}: ${gpu.deviceNames.join(', ') || 'unnamed'}`,
    },
  ];
  if (gpu.kind !== 'none') {
    lines.push({
      term: 'VRAM',
      value: `${formatBytes(gpu.vramFreeBytes)} free of ${formatBytes(gpu.vramTotalBytes)}`,
    });
  }
  lines.push(
    { term: 'CPU', value: `${hardware.cpu.model} (${hardware.cpu.cores} cores)` },
    {
      term: 'RAM',
      value: `${formatBytes(hardware.ram.freeBytes)} free of ${formatBytes(hardware.ram.totalBytes)}`,
    },
  );
  return lines;
}
