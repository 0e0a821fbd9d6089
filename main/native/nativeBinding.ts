// Which better-sqlite3 binary the database opens: Node's own build (CLI, tests, `rose serve`) or,
// under Electron, the Electron-ABI copy in .electron-native/<version>/. better-sqlite3 is a V8-API
// addon (NODE_MODULE_INIT, not N-API), so Electron's main process refuses Node's build.
import { sep } from 'node:path';
import { UserError } from '../../shared/errors.js';
import {
  electronSqlitePath,
  type NativeFacts,
  type NativeTarget,
  planElectronNative,
} from './electronNative.js';

export type BindingChoice = { kind: 'node' } | { kind: 'electron'; path: string };

/**
 * A file that electron-builder unpacked is loaded from `app.asar.unpacked`: the OS must dlopen a
 * real file, and the stamp beside it is unpacked with it (asarUnpack: .electron-native/**).
 */
export function unpackedPath(path: string): string {
  const packed = `${sep}app.asar${sep}`;
  if (path.includes(packed)) return path.replace(packed, `${sep}app.asar.unpacked${sep}`);
  return path.endsWith(`${sep}app.asar`) ? `${path}.unpacked` : path;
}

/** Where the native files live for this app root (mapped out of app.asar when packaged). */
export function nativeRoot(appRoot: string): string {
  return unpackedPath(appRoot);
}

export type RuntimeFacts = {
  /** process.versions: `electron` is set only inside Electron; `modules` is the running ABI. */
  versions: { electron?: string; modules: string };
  appRoot: string;
  packaged: boolean;
  betterSqlite3: string;
  platform: string;
  arch: string;
};

/** The build the running Electron needs; null under plain Node. */
export function runtimeTarget(facts: RuntimeFacts): NativeTarget | null {
  const electron = facts.versions.electron;
  if (electron === undefined) return null;
  return {
    electron,
    abi: facts.versions.modules,
    betterSqlite3: facts.betterSqlite3,
    platform: facts.platform,
    arch: facts.arch,
  };
}

/**
 * Node (no `process.versions.electron`): better-sqlite3's default lookup, Node's build.
 * Electron: the Electron-ABI copy, but only when the same rule as the first-start build calls it
 * ready; otherwise a clear error instead of Electron's "compiled against a different Node.js
 * version" deep inside the first query.
 */
export function chooseNativeBinding(
  runtime: RuntimeFacts,
  disk: Omit<NativeFacts, 'target'> | null,
): BindingChoice {
  const target = runtimeTarget(runtime);
  if (target === null) return { kind: 'node' };
  const plan = planElectronNative({
    target,
    ...(disk ?? { stamp: null, binaryAbi: undefined, otherVersions: [] }),
  });
  if (plan.action === 'ready') {
    return { kind: 'electron', path: electronSqlitePath(nativeRoot(runtime.appRoot), target.electron) };
  }
  const fix = runtime.packaged
    ? 'This installation is incomplete: reinstall Rose.'
    : 'Run `npm start` (it builds the Electron copy on first start) or `npm run native:electron`.';
  throw new UserError(
    'native-binding-missing',
    `The database driver for Electron ${target.electron} is not usable: ${plan.detail}. ${fix}`,
  );
}
