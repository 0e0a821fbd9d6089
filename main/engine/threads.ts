import { availableParallelism } from 'node:os';

/**
 * Default llama.cpp thread count. On a 2-core machine one thread is fastest under any other load
 * (node-llama-cpp's default of 4 is 10–100× slower there); elsewhere, one per physical core,
 * estimated as half the logical CPUs since desktop CPUs run two hardware threads per core.
 */
export function defaultThreadCount(logicalCpus: number = availableParallelism()): number {
  if (logicalCpus <= 2) return 1;
  return Math.max(1, Math.floor(logicalCpus / 2));
}
