import { statSync } from 'node:fs';
import { readCacheEntries, writeCacheEntry } from './cacheFile.js';
import type { DecodeSchedule, FfiLogitsSource } from './ffiLogitsSource.js';

export type { DecodeSchedule } from './ffiLogitsSource.js';

/**
 * Choosing how each ROSE step decodes the two sequences, by measurement on this machine: one
 * batch-2 decode costs 1.6× a single step on one CPU and 2.5× on another (more than two single
 * decodes), and close to 1× on GPUs. Both schedules choose the same tokens (up to the batch-shape
 * noise every exactness rule allows for), so the faster one is taken. The result is cached per
 * model file, library file, backend, threads and layers on the GPU, and measured again when any
 * of them changes.
 */

export type ScheduleTiming = { schedule: DecodeSchedule; msPerStep: number };
export type ScheduleChoice = { schedule: DecodeSchedule; timings: ScheduleTiming[]; cached: boolean };

export const SCHEDULES: readonly DecodeSchedule[] = ['batch', 'split'];
/** Steps timed per schedule and round: enough to average out one slow step, cheap at load. */
const STEPS = 6;
const ROUNDS = 2;
const FILE_NAME = 'decode-schedules.json';

/** What the measurement depends on; a change in any part means measuring again. */
export type ScheduleKeyParts = {
  modelPath: string;
  libraryPath: string;
  backend: string;
  threads: number;
  gpuLayers: number;
};

export function scheduleKey(parts: ScheduleKeyParts): string {
  return [
    fileStamp(parts.modelPath),
    fileStamp(parts.libraryPath),
    parts.backend,
    `threads ${parts.threads}`,
    `gpu layers ${parts.gpuLayers}`,
  ].join('|');
}

/** Times each schedule on the source's own context, interleaved in rounds; leaves the source empty. */
export async function measureSchedules(
  source: FfiLogitsSource,
  prompt: readonly number[],
): Promise<ScheduleTiming[]> {
  const before = source.schedule;
  const totals = new Map<DecodeSchedule, number>(SCHEDULES.map((s) => [s, 0]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const schedule of SCHEDULES) {
        source.schedule = schedule;
        await source.reset();
        const [scores] = await source.sync([
          { index: 0, tokens: prompt },
          { index: 1, tokens: prompt },
        ]);
        let token = argmax(scores as Float32Array);
        const started = performance.now();
        for (let step = 0; step < STEPS; step++) {
          const [next] = await source.step([
            { index: 0, token },
            { index: 1, token },
          ]);
          token = argmax(next as Float32Array);
        }
        totals.set(schedule, (totals.get(schedule) ?? 0) + (performance.now() - started));
      }
    }
  } finally {
    source.schedule = before;
    await source.reset();
  }
  return SCHEDULES.map((schedule) => ({
    schedule,
    msPerStep: (totals.get(schedule) ?? 0) / (STEPS * ROUNDS),
  }));
}

/** The cached choice for `key`, else measure, remember and return it. */
export async function chooseSchedule(
  source: FfiLogitsSource,
  prompt: readonly number[],
  key: string,
  cacheDir: string,
): Promise<ScheduleChoice> {
  const cached = readCacheEntries<Stored>(cacheDir, FILE_NAME)[key];
  if (cached) return { ...cached, cached: true };
  const timings = await measureSchedules(source, prompt);
  const fastest = timings.reduce((best, t) => (t.msPerStep < best.msPerStep ? t : best));
  const choice = { schedule: fastest.schedule, timings };
  try {
    writeCacheEntry(cacheDir, FILE_NAME, key, choice);
  } catch {
    // An unwritable cache only costs a measurement at the next load.
  }
  return { ...choice, cached: false };
}

function fileStamp(path: string): string {
  try {
    const stat = statSync(path);
    return `${path}:${stat.size}:${Math.floor(stat.mtimeMs)}`;
  } catch {
    return `${path}:missing`;
  }
}

type Stored = { schedule: DecodeSchedule; timings: ScheduleTiming[] };

function argmax(scores: Float32Array): number {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if ((scores[i] as number) > (scores[best] as number)) best = i;
  return best;
}
