import type {
  CatalogFit,
  DownloadEvent,
  FitEstimate,
  HardwareInfo,
  LocalModel,
} from '../../shared/models.js';
import { formatBytes } from '../models/diskSpace.js';
import type { HardwareReport } from '../services/modelsFit.js';

/** Human-readable lines for `rose hardware` and `rose models`; --json prints the objects instead. */

export function formatHardware(hardware: HardwareInfo): string[] {
  const { gpu, cpu, ram } = hardware;
  const gpuLine =
    gpu.kind === 'none'
      ? 'none detected — CPU only'
      : `${gpu.kind.toUpperCase()} ${gpu.deviceNames.join(', ') || '(unnamed device)'}, ${formatBytes(gpu.vramTotalBytes)} VRAM (${formatBytes(gpu.vramFreeBytes)} free)`;
  return [
    `GPU   ${gpuLine}`,
    `CPU   ${cpu.model}, ${cpu.cores} cores`,
    `RAM   ${formatBytes(ram.totalBytes)} (${formatBytes(ram.freeBytes)} free)`,
  ];
}

const verdictText: Record<FitEstimate['verdict'], string> = {
  gpu: 'GPU',
  partial: 'partial',
  cpu: 'CPU only',
  none: 'does not fit',
};

export function formatFit(fit: FitEstimate): string {
  const where =
    fit.verdict === 'partial'
      ? `partial (${fit.gpuLayers}/${fit.totalLayers} layers on GPU)`
      : verdictText[fit.verdict];
  const memory =
    fit.vramBytes > 0
      ? `RAM ${formatBytes(fit.ramBytes)} + VRAM ${formatBytes(fit.vramBytes)}`
      : `RAM ${formatBytes(fit.ramBytes)}`;
  return `${where.padEnd(14)} ${memory} (weights ${formatBytes(fit.modelBytes)}, context ${formatBytes(fit.contextBytes)})`;
}

export function formatReport(report: HardwareReport): string[] {
  const lines = [...formatHardware(report.hardware), ''];
  lines.push(`Fit at ${report.contextSize} tokens per sequence, 2 sequences (ROSE's safe and reverse runs):`);
  for (const fit of report.catalog) lines.push(`  ${catalogLabel(fit).padEnd(36)} ${formatFit(fit.fit)}`);
  if (report.local.length > 0) {
    lines.push('', 'Your models:');
    for (const local of report.local) {
      lines.push(
        `  ${local.modelId.padEnd(36)} ${local.fit ? formatFit(local.fit) : `error: ${local.error}`}`,
      );
    }
  }
  lines.push('');
  lines.push(
    report.recommended
      ? `Recommended: ${report.recommended.catalogId} (${report.recommended.quantization}) — ${report.recommended.reason}.`
      : 'Recommended: none — no catalog model fits this machine.',
  );
  return lines;
}

function catalogLabel(fit: CatalogFit): string {
  return `${fit.catalogId} ${fit.quantization}`;
}

export function formatLocalModel(model: LocalModel): string {
  const meta = model.metadata;
  const flags = [model.storage, model.missing ? 'MISSING' : undefined].filter(Boolean).join(', ');
  return `${model.id.padEnd(36)} ${meta.architecture} ${formatParameters(meta.parameters)} ${meta.quantization}, ctx ${meta.contextLength}, ${formatBytes(model.sizeBytes)} [${flags}]`;
}

export function formatParameters(count: number): string {
  if (count >= 1e9) return `${(count / 1e9).toFixed(1)}B`;
  if (count >= 1e6) return `${(count / 1e6).toFixed(1)}M`;
  return `${(count / 1e3).toFixed(1)}K`;
}

/** One line of download progress for stderr. */
export function formatDownloadEvent(event: DownloadEvent): string | undefined {
  switch (event.type) {
    case 'started':
      return event.resumedFromBytes > 0
        ? `resuming ${event.fileName}: ${formatBytes(event.resumedFromBytes)} of ${formatBytes(event.totalBytes)} already here`
        : `downloading ${event.fileName} (${formatBytes(event.totalBytes)}, ${event.connections} connection${event.connections === 1 ? '' : 's'})`;
    case 'progress': {
      const percent = event.totalBytes > 0 ? Math.floor((event.downloadedBytes / event.totalBytes) * 100) : 0;
      const eta = event.etaSeconds === null ? '' : `, ${Math.ceil(event.etaSeconds)} s left`;
      return `progress ${percent}% ${formatBytes(event.downloadedBytes)} / ${formatBytes(event.totalBytes)} at ${formatBytes(event.bytesPerSecond)}/s${eta}`;
    }
    case 'retrying':
      return `retrying (${event.attempt}): ${event.reason}`;
    case 'verifying':
      return 'verifying sha256 and GGUF header…';
    case 'paused':
    case 'resumed':
      return event.type;
    default:
      return undefined;
  }
}
