import { basename } from 'node:path';
import { bindLlama, missingSymbols } from './bindings.js';
import { defaultsMismatches } from './defaultsFingerprint.js';
import type { FfiRuntime } from './ffiLogitsSource.js';
import { buildStructTypes, type Koffi, layoutMismatches } from './koffiStructs.js';
import { findLoadedLlamaLibrary, installedNodeLlamaCpp } from './library.js';
import { type LayoutTable, llamaStructNames } from './layoutTable.js';

/** Which check stopped the fast path. */
export type GateStage = 'versions' | 'library' | 'koffi' | 'symbols' | 'layout' | 'defaults' | 'canary';

export type StaticGateResult =
  | { ok: true; runtime: FfiRuntime }
  | { ok: false; stage: GateStage; reason: string };

/**
 * The in-process checks, in order of risk: nothing here calls a function that takes or returns a
 * struct until the versions, the symbols and koffi's layouts have all agreed with the table; the
 * defaults are then read through a return buffer far larger than the struct. None of these can
 * crash the process on a mismatch; they report it.
 */
export async function runStaticGate(table: LayoutTable, gpu: string | false): Promise<StaticGateResult> {
  const fail = (stage: GateStage, reason: string): StaticGateResult => ({ ok: false, stage, reason });
  try {
    const installed = installedNodeLlamaCpp();
    if (installed.version !== table.nodeLlamaCpp || installed.release !== table.llamaCppRelease) {
      return fail(
        'versions',
        `node-llama-cpp ${installed.version} (llama.cpp ${installed.release}) is installed, the layout table is for ` +
          `${table.nodeLlamaCpp} (${table.llamaCppRelease}); run npm run ffi:layout`,
      );
    }
    const library = findLoadedLlamaLibrary(gpu);
    if ('error' in library) return fail('library', library.error);
    if (!basename(library.path).includes(table.llamaCppRelease)) {
      return fail(
        'library',
        `the loaded library ${basename(library.path)} is not from llama.cpp ${table.llamaCppRelease}`,
      );
    }

    let koffi: Koffi;
    try {
      koffi = (await import('koffi')).default;
    } catch (error) {
      return fail('koffi', `koffi could not be loaded: ${(error as Error).message}`);
    }
    const lib = koffi.load(library.path);
    const missing = missingSymbols(lib);
    if (missing.length > 0) return fail('symbols', `the library lacks ${missing.join(', ')}`);

    const types = buildStructTypes(koffi, table);
    const layoutProblems = layoutMismatches(koffi, types, table);
    if (layoutProblems.length > 0)
      return fail('layout', `koffi and the layout table disagree: ${summarize(layoutProblems)}`);

    const defaultProblems = llamaStructNames.flatMap((name) => defaultsMismatches(koffi, lib, table, name));
    if (defaultProblems.length > 0)
      return fail('defaults', `default parameters differ: ${summarize(defaultProblems)}`);

    return {
      ok: true,
      runtime: { koffi, bindings: bindLlama(koffi, lib, types), libraryPath: library.path, table },
    };
  } catch (error) {
    return fail('library', `unexpected error while checking the library: ${(error as Error).message}`);
  }
}

function summarize(problems: string[]): string {
  const shown = problems.slice(0, 3).join('; ');
  return problems.length > 3 ? `${shown}; and ${problems.length - 3} more` : shown;
}
