import type { FitEstimate, HardwareInfo } from '../../../shared/models.js';
import { type TFunction, i18n } from '../i18n/index.js';
import { formatBytes } from './sizes.js';

/**
 * The verdict of a fit estimate in a few words: where the model would run. `t` defaults to the
 * app's current language for callers that re-render on a language change anyway.
 */
export function fitLabel(fit: FitEstimate, t: TFunction = i18n.t): string {
  switch (fit.verdict) {
    case 'gpu':
      return t('models.fit.gpu');
    case 'partial':
      return t('models.fit.partial', { gpuLayers: fit.gpuLayers, totalLayers: fit.totalLayers });
    case 'cpu':
      return t('models.fit.cpu');
    case 'none':
      return t('models.fit.none');
  }
}

/** The memory behind the verdict: what goes to RAM and VRAM with ROSE's two sequences. */
export function fitDetail(fit: FitEstimate, t: TFunction): string {
  const memory = [t('models.fit.ram', { size: formatBytes(fit.ramBytes) })];
  if (fit.vramBytes > 0) memory.push(t('models.fit.vram', { size: formatBytes(fit.vramBytes) }));
  return t('models.fit.detail', {
    memory: memory.join(' + '),
    contextSize: fit.contextSize,
    sequences: fit.sequences,
  });
}

const gpuNames: Record<Exclude<HardwareInfo['gpu']['kind'], 'none'>, string> = {
  cuda: 'CUDA',
  vulkan: 'Vulkan',
  metal: 'Metal',
};

/** One line per part of the machine, for the hardware summary. */
export function hardwareLines(hardware: HardwareInfo, t: TFunction): Array<{ term: string; value: string }> {
  const gpu = hardware.gpu;
  const lines = [
    {
      term: t('models.hardware.gpu'),
      value:
        gpu.kind === 'none'
          ? t('models.hardware.noGpu')
          : `${gpuNames[gpu.kind]}: ${gpu.deviceNames.join(', ') || t('models.hardware.unnamed')}`,
    },
  ];
  const freeOf = (free: number, total: number) =>
    t('models.hardware.freeOf', { free: formatBytes(free), total: formatBytes(total) });
  if (gpu.kind !== 'none') {
    lines.push({ term: t('models.hardware.vram'), value: freeOf(gpu.vramFreeBytes, gpu.vramTotalBytes) });
  }
  lines.push(
    {
      term: t('models.hardware.cpu'),
      value: t('models.hardware.cores', { model: hardware.cpu.model, count: hardware.cpu.cores }),
    },
    { term: t('models.hardware.ram'), value: freeOf(hardware.ram.freeBytes, hardware.ram.totalBytes) },
  );
  return lines;
}
