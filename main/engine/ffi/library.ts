import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The llama.cpp library file itself: `libllama.v<release>.so`, `libllama.cuda.v<release>.so`,
 * `llama.v<release>.dll`, `libllama.metal.v<release>.dylib`... but not `libllama-common.so` or
 * node-llama-cpp's `llama-addon.node`.
 */
const LLAMA_LIBRARY_NAME = /^(lib)?llama(\.[A-Za-z0-9_]+)*\.(so|dylib|dll)$/i;

/**
 * The llama.cpp shared library node-llama-cpp has loaded into this process, read from the
 * process report. Calling any other copy would mean a second, independent llama.cpp with its own
 * backends and globals. `gpu` (from `llama.gpu`) picks between builds if several were loaded.
 */
export function findLoadedLlamaLibrary(gpu: string | false): { path: string } | { error: string } {
  const report = process.report.getReport() as unknown as { sharedObjects?: string[] };
  const candidates = [
    ...new Set((report.sharedObjects ?? []).filter((p) => LLAMA_LIBRARY_NAME.test(basename(p)))),
  ];
  if (candidates.length === 0)
    return { error: 'node-llama-cpp has not loaded a llama library in this process' };
  if (candidates.length === 1) return { path: candidates[0] as string };
  const matching =
    gpu === false ? [] : candidates.filter((p) => basename(p).toLowerCase().includes(`.${gpu}.`));
  if (matching.length === 1) return { path: matching[0] as string };
  return { error: `several llama libraries are loaded (${candidates.map((p) => basename(p)).join(', ')})` };
}

/** The installed node-llama-cpp version and the llama.cpp release its binaries were built from. */
export function installedNodeLlamaCpp(): { version: string; release: string; packageDir: string } {
  // dist/index.js → package root
  const packageDir = dirname(dirname(fileURLToPath(import.meta.resolve('node-llama-cpp'))));
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const release = (
    JSON.parse(readFileSync(join(packageDir, 'llama', 'binariesGithubRelease.json'), 'utf8')) as {
      release: string;
    }
  ).release;
  return { version, release, packageDir };
}

/** Identifies one library file on disk, so a cached canary result is redone if the file changes. */
export function libraryFingerprint(path: string): string {
  const stat = statSync(path);
  return `${path}|${stat.size}|${Math.floor(stat.mtimeMs)}`;
}
