import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isUserError } from '../../../shared/errors.js';
import { chooseLogitsSource, defaultFfiCacheDir } from '../../engine/ffi/gate.js';
import { findLoadedLlamaLibrary, installedNodeLlamaCpp } from '../../engine/ffi/library.js';
import { defaultThreadCount } from '../../engine/threads.js';
import { detectHardware, loadDetectionLlama } from '../../models/hardware.js';

export const summary =
  'Check the setup: versions, llama.cpp binary, GPU, logits source and why, threads (--json).';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, recheck: { type: 'boolean' } },
  });
  const llama = await loadDetectionLlama();
  try {
    const [hardware, logits] = await Promise.all([
      detectHardware(llama),
      logitsSourceReport(llama.gpu, values.recheck === true),
    ]);
    const library = findLoadedLlamaLibrary(llama.gpu);
    const report = {
      versions: {
        node: process.versions.node,
        electron: process.versions.electron ?? null,
        nodeLlamaCpp: installedNodeLlamaCpp().version,
        llamaCpp: llama.llamaCppRelease.release,
        koffi: packageVersion('koffi'),
        platform: `${process.platform}-${process.arch}`,
      },
      binary: {
        backend: llama.gpu === false ? 'cpu' : llama.gpu,
        build: llama.buildType,
        library: 'path' in library ? library.path : null,
      },
      gpu: {
        devices: hardware.gpu.deviceNames,
        vramTotalBytes: hardware.gpu.vramTotalBytes,
        vramFreeBytes: hardware.gpu.vramFreeBytes,
        backendsAvailable: hardware.gpu.backendsAvailable,
      },
      logits,
      threads: {
        default: defaultThreadCount(),
        logicalCpus: availableParallelism(),
        cpuMathCores: llama.cpuMathCores,
      },
    };
    if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      process.stdout.write(`${formatReport(report).join('\n')}\n`);
      if (logits.source !== 'ffi' && !logits.forced) {
        process.stdout.write(
          `\nROSE runs on the slower path (several times slower than it could): ${logits.reason}\n` +
            'Check again with: rose doctor --recheck\n',
        );
      }
    }
    return 0;
  } finally {
    await llama.dispose();
  }
}

/** The source a generation would use now, and why; a forced source that cannot run is reported, not thrown. */
async function logitsSourceReport(gpu: Parameters<typeof chooseLogitsSource>[0]['gpu'], recheck: boolean) {
  const forced = process.env.ROSE_LOGITS ?? null;
  const cacheDir = defaultFfiCacheDir();
  try {
    const choice = await chooseLogitsSource({ gpu, cacheDir, recheck });
    return { source: choice.kind, reason: choice.reason, forced, cacheDir };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { source: 'unavailable', reason: error.message, forced, cacheDir };
  }
}

function packageVersion(name: string): string {
  try {
    const folder = dirname(fileURLToPath(import.meta.resolve(name)));
    return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function formatReport(report: Record<string, Record<string, unknown>>): string[] {
  const lines: string[] = [];
  for (const [section, entries] of Object.entries(report)) {
    lines.push(`${section}:`);
    for (const [key, value] of Object.entries(entries)) {
      const shown = Array.isArray(value)
        ? value.join(', ') || '(none)'
        : key.endsWith('Bytes')
          ? gib(value as number)
          : String(value);
      lines.push(`  ${key.padEnd(18)} ${shown}`);
    }
  }
  return lines;
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}
