// Builds the Electron-ABI better-sqlite3 into .electron-native/<electron version>/, next to (never
// over) the Node build in node_modules. Two ways, in order:
//   1. prebuild-install --runtime electron: the binary better-sqlite3 publishes for each Electron
//      ABI (seconds, no compiler; better-sqlite3 itself depends on prebuild-install);
//   2. node-gyp against Electron's headers: compiles from a copy of the sources (minutes, needs a
//      C/C++ toolchain and python3).
// Both work on a copy of the package, so node_modules is never touched; either result is accepted
// only if its bytes carry Electron's ABI (a tool that quietly builds for Node is caught).
import { copyFileSync, cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addonAbiOf,
  buildFailureMessage,
  classifyBuildFailure,
  ELECTRON_NATIVE_FOLDER,
  electronNativeDir,
  type NativePlan,
  type NativeStamp,
  type NativeTarget,
  planElectronNative,
  SQLITE_BINARY_NAME,
  STAMP_NAME,
} from './electronNative.js';
import { readNativeFacts } from './nativeFacts.js';

/** One build tool run: `node <script> ...args` in `cwd`; output is what it printed. */
export type ToolRun = (
  script: string,
  args: string[],
  cwd: string,
) => Promise<{ code: number; output: string }>;

export type EnsureOptions = {
  /** The project root (where .electron-native/ goes). */
  root: string;
  target: NativeTarget;
  /** The installed better-sqlite3 package folder (sources are copied from here). */
  sourceDir: string;
  /** Entry scripts of the two tools. */
  tools: { prebuildInstall: string; nodeGyp: string };
  run: ToolRun;
  /** Progress lines for the person waiting. */
  progress: (line: string) => void;
  /** Rebuild even when the current one is ready. */
  force?: boolean;
};

export type EnsureResult =
  | { ok: true; built: false; plan: NativePlan }
  | { ok: true; built: true; plan: NativePlan; method: NativeStamp['method'] }
  | { ok: false; plan: NativePlan; message: string; logFile: string };

/** The command line for each way of getting the binary (exported so the flags are tested). */
export function toolArgs(target: NativeTarget): { prebuilt: string[]; source: string[] } {
  return {
    prebuilt: [
      '--runtime',
      'electron',
      '--target',
      target.electron,
      '--arch',
      target.arch,
      '--platform',
      target.platform,
      '--verbose',
    ],
    source: [
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${target.electron}`,
      `--arch=${target.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ],
  };
}

/** Only what node-gyp needs: the sources, not the Node build or the JavaScript. */
function stageSources(sourceDir: string, stage: string): void {
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps']) {
    cpSync(join(sourceDir, entry), join(stage, entry), { recursive: true });
  }
}

/** Make sure the Electron-ABI binary is there and current; build it when it is not. */
export async function ensureElectronNative(options: EnsureOptions): Promise<EnsureResult> {
  const { root, target } = options;
  const facts = { target, ...readNativeFacts(root, target.electron) };
  const found = planElectronNative(facts);
  const plan: NativePlan =
    options.force && found.action === 'ready'
      ? { action: 'build', reason: 'missing', detail: 'rebuild requested', prune: found.prune }
      : found;
  for (const version of plan.prune) {
    rmSync(electronNativeDir(root, version), { recursive: true, force: true });
    options.progress(`removed the build for Electron ${version} (no longer installed)`);
  }
  if (plan.action === 'ready') return { ok: true, built: false, plan };

  const dir = electronNativeDir(root, target.electron);
  const stage = join(root, ELECTRON_NATIVE_FOLDER, `.stage-${target.electron}`);
  const logFile = join(dir, 'build.log');
  // Whatever is there stays until a verified build replaces it: the planner rejects it anyway, and
  // a forced rebuild that fails keeps the working copy.
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    logFile,
    `better-sqlite3 ${target.betterSqlite3} for Electron ${target.electron}: ${plan.detail}\n`,
  );
  const record = (title: string, output: string) =>
    writeFileSync(logFile, `\n== ${title}\n${output}\n`, { flag: 'a' });

  options.progress(
    `building better-sqlite3 for Electron ${target.electron} (ABI ${target.abi}) once: ${plan.detail}`,
  );
  let transcript = '';
  try {
    stageSources(options.sourceDir, stage);
    const args = toolArgs(target);
    const built = join(stage, 'build', 'Release', SQLITE_BINARY_NAME);
    const attempts: Array<{ method: NativeStamp['method']; title: string; script: string; args: string[] }> =
      [
        {
          method: 'prebuilt',
          title: 'downloading the prebuilt binary (prebuild-install)',
          script: options.tools.prebuildInstall,
          args: args.prebuilt,
        },
        {
          method: 'source',
          title: 'compiling from source against the Electron headers (node-gyp, a few minutes)',
          script: options.tools.nodeGyp,
          args: args.source,
        },
      ];
    for (const attempt of attempts) {
      options.progress(`${attempt.title}…`);
      const result = await options.run(attempt.script, attempt.args, stage);
      record(`${attempt.title}: exit ${result.code}`, result.output);
      transcript += `${result.output}\n`;
      let abi: string | null = null;
      try {
        abi = result.code === 0 ? addonAbiOf(readFileSync(built)) : null;
      } catch {
        abi = null;
      }
      if (result.code === 0 && abi !== target.abi) {
        const note = `ABI mismatch: ${attempt.method} gave ABI ${abi ?? 'none'}, Electron needs ${target.abi}`;
        record('verification', note);
        transcript += `${note}\n`;
        options.progress(`${note}; discarded`);
        continue;
      }
      if (result.code !== 0) {
        options.progress(
          `${attempt.method === 'prebuilt' ? 'no prebuilt binary' : 'compiling failed'} (exit ${result.code})`,
        );
        continue;
      }
      const temporary = join(dir, `${SQLITE_BINARY_NAME}.tmp`);
      copyFileSync(built, temporary);
      renameSync(temporary, join(dir, SQLITE_BINARY_NAME));
      const stamp: NativeStamp = { ...target, method: attempt.method, builtAt: new Date().toISOString() };
      writeFileSync(join(dir, STAMP_NAME), `${JSON.stringify(stamp, null, 2)}\n`);
      options.progress(`ready: ${join(dir, SQLITE_BINARY_NAME)}`);
      return { ok: true, built: true, plan, method: attempt.method };
    }
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    record('error', text);
    transcript += text;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  const kind = classifyBuildFailure(transcript);
  return { ok: false, plan, message: buildFailureMessage(kind, target, logFile), logFile };
}
