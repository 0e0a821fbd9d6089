import { availableParallelism, cpus, freemem, totalmem } from 'node:os';
import { getLlama, getLlamaGpuTypes, type Llama, LlamaLogLevel } from 'node-llama-cpp';
import type { GpuKind, HardwareInfo } from '../../shared/models.js';

/**
 * node-llama-cpp picks the best prebuilt backend that loads (CUDA, Vulkan, Metal, else CPU).
 * `build: 'never'` keeps detection from ever compiling llama.cpp; one thread is plenty, this
 * instance only answers questions.
 */
export async function loadDetectionLlama(): Promise<Llama> {
  return getLlama({
    gpu: 'auto',
    build: 'never',
    logLevel: LlamaLogLevel.error,
    maxThreads: 1,
    progressLogs: false,
  });
}

/** What this machine offers: GPU backend, device names and VRAM, CPU cores, RAM. */
export async function detectHardware(llama: Llama): Promise<HardwareInfo> {
  const [deviceNames, vram, backends] = await Promise.all([
    llama.gpu === false ? Promise.resolve([]) : llama.getGpuDeviceNames(),
    llama.getVramState(),
    getLlamaGpuTypes('supported'),
  ]);
  return {
    gpu: {
      kind: gpuKind(llama.gpu),
      deviceNames,
      vramTotalBytes: vram.total,
      vramFreeBytes: vram.free,
      backendsAvailable: backends.filter((backend) => backend !== false),
    },
    cpu: { model: cpus()[0]?.model.trim() ?? 'unknown', cores: availableParallelism() },
    ram: { totalBytes: totalmem(), freeBytes: freemem() },
  };
}

function gpuKind(gpu: Llama['gpu']): GpuKind {
  return gpu === false ? 'none' : gpu;
}
