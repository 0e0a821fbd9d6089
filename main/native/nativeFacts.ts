// Reads what is on disk for the Electron-ABI build; the decisions are in electronNative.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  addonAbiOf,
  ELECTRON_NATIVE_FOLDER,
  electronNativeDir,
  electronSqlitePath,
  type NativeFacts,
  type NativeStamp,
  type NativeTarget,
  STAMP_NAME,
} from './electronNative.js';
import { type BindingChoice, chooseNativeBinding, nativeRoot, type RuntimeFacts } from './nativeBinding.js';

/** The project (or app.asar) root: dist/main/native → three folders up. */
export const appRoot = fileURLToPath(new URL('../../../', import.meta.url));

const requireHere = createRequire(import.meta.url);

/** The installed better-sqlite3: its folder and version. */
export function installedBetterSqlite3(): { dir: string; version: string } {
  const manifest = requireHere.resolve('better-sqlite3/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { dir: join(manifest, '..'), version };
}

/** The installed Electron's version and ABI (electron ships `abi_version` without its binary). */
export function installedElectronTarget(): NativeTarget {
  const manifest = requireHere.resolve('electron/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const abi = readFileSync(join(dirname(manifest), 'abi_version'), 'utf8').trim();
  return {
    electron: version,
    abi,
    betterSqlite3: installedBetterSqlite3().version,
    platform: process.platform,
    arch: process.arch,
  };
}

function readStamp(dir: string): NativeStamp | 'unreadable' | null {
  let text: string;
  try {
    text = readFileSync(join(dir, STAMP_NAME), 'utf8');
  } catch {
    return null;
  }
  try {
    return JSON.parse(text) as NativeStamp;
  } catch {
    return 'unreadable';
  }
}

/** The facts for one Electron version below `root` (the project root, or app.asar.unpacked). */
export function readNativeFacts(root: string, electronVersion: string): Omit<NativeFacts, 'target'> {
  let binaryAbi: string | null | undefined;
  try {
    binaryAbi = addonAbiOf(readFileSync(electronSqlitePath(root, electronVersion)));
  } catch {
    binaryAbi = undefined;
  }
  let otherVersions: string[] = [];
  try {
    otherVersions = readdirSync(join(root, ELECTRON_NATIVE_FOLDER), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name);
  } catch {
    // no folder yet
  }
  return { stamp: readStamp(electronNativeDir(root, electronVersion)), binaryAbi, otherVersions };
}

let chosen: BindingChoice | undefined;

/**
 * The `nativeBinding` option for better-sqlite3 in this process: undefined under Node (its own
 * build), the Electron-ABI file under Electron. Decided once; throws a coded UserError when the
 * Electron copy is missing or stale.
 */
export function sqliteNativeBinding(): string | undefined {
  if (chosen === undefined) {
    const runtime: RuntimeFacts = {
      versions: process.versions,
      appRoot,
      packaged: appRoot.split(/[\\/]/).includes('app.asar'),
      betterSqlite3: installedBetterSqlite3().version,
      platform: process.platform,
      arch: process.arch,
    };
    const electron = process.versions.electron;
    const disk = electron === undefined ? null : readNativeFacts(nativeRoot(appRoot), electron);
    chosen = chooseNativeBinding(runtime, disk);
  }
  return chosen.kind === 'electron' ? chosen.path : undefined;
}
