import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LlamaGpuType } from 'node-llama-cpp';
import { UserError } from '../../../shared/errors.js';
import { type CanaryOutcome, runCanaryProcess } from './canary.js';
import type { FfiRuntime } from './ffiLogitsSource.js';
import { readVerdict, writeVerdict } from './gateCache.js';
import { libraryFingerprint } from './library.js';
import { bundledLayoutTable, type LayoutTable } from './layoutTable.js';
import { type GateStage, runStaticGate } from './staticGate.js';

export type { GateStage } from './staticGate.js';

export type FfiGateOptions = {
  /** `llama.gpu` of the loaded Llama: picks the library and makes the canary load the same build. */
  gpu: LlamaGpuType;
  /** Where canary verdicts are remembered (default: `defaultFfiCacheDir()`). */
  cacheDir?: string;
  /** The layout table to trust (default: the committed one). Tests pass a wrong one. */
  layoutTable?: LayoutTable;
  /** false skips the canary (only `ROSE_LOGITS=ffi` does that in the app). */
  canary?: boolean;
  canaryTimeoutMs?: number;
  /** Run the canary again even if a verdict is cached ("check again"). */
  recheck?: boolean;
  /** The canary runner (tests pass one that fails on purpose). */
  runCanary?: typeof runCanaryProcess;
};

/** A failed canary runs once more before it counts: one bad run must not cost the fast path. */
const CANARY_RUNS_BEFORE_FAILING = 2;

/**
 * Cached failures this process has already re-examined, with the result. A failure is never
 * trusted for good: each start runs the canary again (once), so a passing machine gets its fast
 * path back by itself; only passes are reused across starts.
 */
const failuresRecheckedThisProcess = new Map<string, FfiGateResult>();

/** The gate's verdict: the FFI runtime to use, or the check that failed and why. */
export type FfiGateResult =
  | { ok: true; runtime: FfiRuntime; canary: 'passed' | 'cached' | 'skipped'; detail: string }
  | { ok: false; stage: GateStage; reason: string };

/**
 * Decides whether the FFI fast path may run in this process. Static checks first (in-process,
 * none can crash), then the canary in a child process unless a pass for this exact library file,
 * table and koffi is cached (an upgrade changes the key, so it checks again). A cached failure is
 * checked again once per process start. Never throws for a failed check; returns the reason.
 */
export async function checkFfiGate(options: FfiGateOptions): Promise<FfiGateResult> {
  const table = options.layoutTable ?? bundledLayoutTable;
  const staticResult = await runStaticGate(table, options.gpu);
  if (!staticResult.ok) return staticResult;
  const { runtime } = staticResult;
  if (options.canary === false)
    return { ok: true, runtime, canary: 'skipped', detail: 'static checks passed; canary skipped' };

  const cacheDir = options.cacheDir ?? defaultFfiCacheDir();
  const key = [
    libraryFingerprint(runtime.libraryPath),
    table.llamaCppCommit,
    table.nodeLlamaCpp,
    `koffi ${koffiVersion()}`,
  ].join('|');
  const cached = readVerdict(cacheDir, key);
  if (cached?.ok && !options.recheck) {
    return {
      ok: true,
      runtime,
      canary: 'cached',
      detail: `all checks passed (canary passed on ${cached.checkedAt}, cached)`,
    };
  }
  const recheckedFailure = failuresRecheckedThisProcess.get(key);
  if (cached && !cached.ok && recheckedFailure && !options.recheck) return recheckedFailure;

  const outcome = await canaryWithRetry(() =>
    (options.runCanary ?? runCanaryProcess)(
      { table, gpu: options.gpu, expectedLibrary: runtime.libraryPath },
      options.canaryTimeoutMs,
    ),
  );
  if (outcome.ok || !outcome.transient) {
    const reason = outcome.ok ? outcome.detail : outcome.reason;
    try {
      writeVerdict(cacheDir, key, { ok: outcome.ok, reason, checkedAt: new Date().toISOString() });
    } catch {
      // An unwritable cache only costs a canary run next time.
    }
  }
  const earlier =
    cached && !cached.ok ? `; an earlier check on ${cached.checkedAt} failed: ${cached.reason}` : '';
  const result: FfiGateResult = outcome.ok
    ? {
        ok: true,
        runtime,
        canary: 'passed',
        detail: `all checks passed (canary: ${outcome.detail}${earlier})`,
      }
    : { ok: false, stage: 'canary', reason: outcome.reason };
  if (!outcome.ok) failuresRecheckedThisProcess.set(key, result);
  else failuresRecheckedThisProcess.delete(key);
  return result;
}

/** Runs the canary; a definite failure is run again before it counts, and both reasons are kept. */
async function canaryWithRetry(run: () => Promise<CanaryOutcome>): Promise<CanaryOutcome> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= CANARY_RUNS_BEFORE_FAILING; attempt++) {
    const outcome = await run();
    if (outcome.ok) {
      return failures.length === 0
        ? outcome
        : { ok: true, detail: `${outcome.detail}, on run ${attempt}; run 1 failed: ${failures.join('; ')}` };
    }
    if (outcome.transient) return outcome;
    failures.push(outcome.reason);
  }
  return {
    ok: false,
    transient: false,
    reason: failures.map((reason, i) => `run ${i + 1}: ${reason}`).join('; '),
  };
}

/** Which logits source to use and why, after `ROSE_LOGITS` and the gate. */
export type LogitsSourceChoice =
  | { kind: 'api'; reason: string }
  | { kind: 'ffi'; reason: string; runtime: FfiRuntime };

/**
 * `ROSE_LOGITS=api` → the API source. `ROSE_LOGITS=ffi` → the FFI source after the static checks
 * only (an explicit request that cannot be met is a `UserError`, not a silent fallback). Unset →
 * the full gate, falling back to the API source with the gate's reason.
 */
export async function chooseLogitsSource(
  options: FfiGateOptions & { env?: NodeJS.ProcessEnv },
): Promise<LogitsSourceChoice> {
  const forced = (options.env ?? process.env).ROSE_LOGITS?.trim().toLowerCase() || undefined;
  if (forced !== undefined && forced !== 'api' && forced !== 'ffi') {
    throw new UserError(
      'bad-rose-logits',
      `ROSE_LOGITS must be 'api' or 'ffi', not '${forced}'. Unset it to choose automatically.`,
    );
  }
  if (forced === 'api') return { kind: 'api', reason: 'forced by ROSE_LOGITS=api' };
  const gate = await checkFfiGate({ ...options, canary: forced === 'ffi' ? false : options.canary });
  if (gate.ok)
    return { kind: 'ffi', runtime: gate.runtime, reason: forced ? 'forced by ROSE_LOGITS=ffi' : gate.detail };
  if (forced === 'ffi') {
    throw new UserError(
      'ffi-unavailable',
      `ROSE_LOGITS=ffi, but the FFI fast path cannot run here: ${gate.reason}`,
    );
  }
  return { kind: 'api', reason: `FFI gate failed at ${gate.stage}: ${gate.reason}` };
}

/** `$ROSE_CACHE_DIR`, else the platform's per-user cache folder + `rose`. */
export function defaultFfiCacheDir(): string {
  if (process.env.ROSE_CACHE_DIR) return process.env.ROSE_CACHE_DIR;
  if (process.platform === 'win32')
    return join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'rose', 'Cache');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'rose');
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'rose');
}

function koffiVersion(): string {
  try {
    const packageJson = join(dirname(fileURLToPath(import.meta.resolve('koffi'))), 'package.json');
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
