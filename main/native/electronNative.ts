// Where the Electron-ABI copy of better-sqlite3 lives and when it must be (re)built. Pure: the
// facts are gathered by the caller, so every decision is tested under Node (no Electron here).
import { join } from 'node:path';

/** The folder (below the app root) holding one Electron-ABI build per Electron version. */
export const ELECTRON_NATIVE_FOLDER = '.electron-native';
export const SQLITE_BINARY_NAME = 'better_sqlite3.node';
export const STAMP_NAME = 'stamp.json';

/** What a build is for. A binary fits only the exact combination. */
export type NativeTarget = {
  electron: string;
  /** Electron's NODE_MODULE_VERSION (node_modules/electron/abi_version). */
  abi: string;
  /** better-sqlite3's version: its JavaScript and its binary must come from the same release. */
  betterSqlite3: string;
  platform: string;
  arch: string;
};

/** Written next to the binary once it has been built and verified. */
export type NativeStamp = NativeTarget & { method: 'prebuilt' | 'source'; builtAt: string };

export function electronNativeDir(appRoot: string, electronVersion: string): string {
  return join(appRoot, ELECTRON_NATIVE_FOLDER, electronVersion);
}

export function electronSqlitePath(appRoot: string, electronVersion: string): string {
  return join(electronNativeDir(appRoot, electronVersion), SQLITE_BINARY_NAME);
}

/**
 * The NODE_MODULE_VERSION a V8-API addon was compiled for, read from its bytes: `NODE_MODULE_INIT`
 * exports `node_register_module_v<ABI>` (ELF, Mach-O and PE all keep export names as plain text).
 * null when the file has no such symbol (not an addon, truncated, or an N-API one).
 */
export function addonAbiOf(bytes: Uint8Array): string | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const match = /node_register_module_v(\d+)/.exec(text);
  return match ? match[1]! : null;
}

/** Facts about what is on disk now. `stamp` is 'unreadable' for a file that is not valid JSON. */
export type NativeFacts = {
  target: NativeTarget;
  stamp: NativeStamp | 'unreadable' | null;
  /** The ABI read from the binary on disk; undefined when there is no binary. */
  binaryAbi: string | null | undefined;
  /** Electron versions with a folder below .electron-native (older builds after an upgrade). */
  otherVersions: string[];
};

export type BuildReason =
  | 'missing'
  | 'no-stamp'
  | 'stale-better-sqlite3'
  | 'other-platform'
  | 'wrong-abi'
  | 'unreadable-stamp';

export type NativePlan =
  | { action: 'ready'; prune: string[] }
  | { action: 'build'; reason: BuildReason; detail: string; prune: string[] };

/**
 * Decide whether the Electron-ABI binary can be used as it is. A binary is trusted only when its
 * stamp matches the target exactly and its own bytes carry Electron's ABI: a build tool that
 * "succeeds" but leaves a Node-ABI binary (PLATFORM.md's electron-builder trap) is caught here.
 * Folders of other Electron versions are stale after an upgrade and are pruned.
 */
export function planElectronNative(facts: NativeFacts): NativePlan {
  const { target, stamp, binaryAbi } = facts;
  const prune = facts.otherVersions.filter((version) => version !== target.electron);
  const build = (reason: BuildReason, detail: string): NativePlan => ({
    action: 'build',
    reason,
    detail,
    prune,
  });
  if (binaryAbi === undefined) {
    return build('missing', `no Electron ${target.electron} build of better-sqlite3 yet`);
  }
  if (binaryAbi !== target.abi) {
    return build(
      'wrong-abi',
      `the binary is for ABI ${binaryAbi ?? 'unknown'}, Electron ${target.electron} needs ${target.abi}`,
    );
  }
  if (stamp === null) return build('no-stamp', 'the binary has no record of how it was built');
  if (stamp === 'unreadable') return build('unreadable-stamp', 'the build record is damaged');
  if (stamp.betterSqlite3 !== target.betterSqlite3) {
    return build(
      'stale-better-sqlite3',
      `built for better-sqlite3 ${stamp.betterSqlite3}, ${target.betterSqlite3} is installed`,
    );
  }
  if (stamp.platform !== target.platform || stamp.arch !== target.arch) {
    return build('other-platform', `built for ${stamp.platform}-${stamp.arch}`);
  }
  return { action: 'ready', prune };
}

export type BuildFailureKind = 'offline' | 'no-compiler' | 'wrong-abi' | 'other';

/**
 * Why the build failed, from the tools' output, so the message says what to do. Checked in this
 * order: a missing toolchain only matters once the prebuilt download has failed too.
 */
export function classifyBuildFailure(output: string): BuildFailureKind {
  if (/ABI mismatch/.test(output)) return 'wrong-abi';
  if (
    /gyp ERR! (find Python|find VS)|not found: (make|c\+\+|g\+\+|cc)\b|(make|c\+\+|g\+\+|gcc|cc|clang\+\+): (command )?not found|(c\+\+|g\+\+|gcc|cc|clang\+\+): No such file or directory|xcrun: error|No Xcode or CLT|could not find any Visual Studio/i.test(
      output,
    )
  ) {
    return 'no-compiler';
  }
  if (
    /network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|socket hang up|self[- ]signed certificate/i.test(
      output,
    )
  ) {
    return 'offline';
  }
  return 'other';
}

/** The one-paragraph message for a failed build: what happened and what to do about it. */
export function buildFailureMessage(kind: BuildFailureKind, target: NativeTarget, logFile: string): string {
  const what = `Rose could not get better-sqlite3 ${target.betterSqlite3} for Electron ${target.electron} (ABI ${target.abi}, ${target.platform}-${target.arch})`;
  const advice: Record<BuildFailureKind, string> = {
    offline:
      'Downloading the prebuilt binary and the Electron headers both failed: this first start needs internet once (github.com and electronjs.org). Connect and run `npm start` again.',
    'no-compiler':
      'No prebuilt binary could be downloaded and there is no C/C++ toolchain to compile one. Install one (Linux: build-essential and python3; macOS: xcode-select --install; Windows: Visual Studio Build Tools with "Desktop development with C++") and run `npm start` again.',
    'wrong-abi':
      'The build finished but produced a binary for another runtime; it was discarded. Run `npm start` again; if it repeats, report it with the log.',
    other: 'The build tools failed. See the log for their output and run `npm start` again.',
  };
  return `${what}. ${advice[kind]}\nLog: ${logFile}\nThe CLI and the tests are not affected (they use Node's own build).`;
}
