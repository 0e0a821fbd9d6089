import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { test } from 'node:test';
import {
  addonAbiOf,
  classifyBuildFailure,
  electronSqlitePath,
  type NativeFacts,
  type NativeTarget,
  planElectronNative,
} from '../../main/native/electronNative.js';
import { chooseNativeBinding, type RuntimeFacts, unpackedPath } from '../../main/native/nativeBinding.js';
import { installedBetterSqlite3, readNativeFacts } from '../../main/native/nativeFacts.js';

const target: NativeTarget = {
  electron: '45.5.0',
  abi: '150',
  betterSqlite3: '12.11.1',
  platform: 'linux',
  arch: 'x64',
};
const goodStamp = { ...target, method: 'prebuilt' as const, builtAt: '2026-01-01T00:00:00.000Z' };
const facts = (over: Partial<NativeFacts>): NativeFacts => ({
  target,
  stamp: goodStamp,
  binaryAbi: '150',
  otherVersions: ['45.5.0'],
  ...over,
});

test("the ABI is read from an addon's bytes: Node's real better-sqlite3 build says Node's ABI", () => {
  const sqlite = installedBetterSqlite3();
  const bytes = readFileSync(join(sqlite.dir, 'build', 'Release', 'better_sqlite3.node'));
  assert.equal(addonAbiOf(bytes), process.versions.modules);
  assert.equal(addonAbiOf(Buffer.from('not an addon at all')), null);
});

test('a verified build with a matching stamp is used as it is', () => {
  assert.deepEqual(planElectronNative(facts({})), { action: 'ready', prune: [] });
});

test('no binary yet (first start) means build', () => {
  const plan = planElectronNative(facts({ binaryAbi: undefined, stamp: null, otherVersions: [] }));
  assert.equal(plan.action, 'build');
  assert.equal(plan.action === 'build' && plan.reason, 'missing');
});

test("a Node-ABI binary where Electron's belongs (the electron-builder trap) is rebuilt", () => {
  const plan = planElectronNative(facts({ binaryAbi: process.versions.modules }));
  assert.equal(plan.action === 'build' && plan.reason, 'wrong-abi');
  assert.match(plan.action === 'build' ? plan.detail : '', new RegExp(`ABI ${process.versions.modules}`));
  assert.equal(planElectronNative(facts({ binaryAbi: null })).action, 'build');
});

test('after an Electron upgrade the new version is built and the old folder pruned', () => {
  const upgraded = { ...target, electron: '46.0.0', abi: '151' };
  const plan = planElectronNative({
    target: upgraded,
    stamp: null,
    binaryAbi: undefined,
    otherVersions: ['45.5.0'],
  });
  assert.equal(plan.action === 'build' && plan.reason, 'missing');
  assert.deepEqual(plan.prune, ['45.5.0']);
});

test('a stamp from another better-sqlite3, platform, or a damaged or missing stamp forces a rebuild', () => {
  const reason = (over: Partial<NativeFacts>) => {
    const plan = planElectronNative(facts(over));
    return plan.action === 'build' ? plan.reason : 'ready';
  };
  assert.equal(reason({ stamp: { ...goodStamp, betterSqlite3: '12.10.0' } }), 'stale-better-sqlite3');
  assert.equal(reason({ stamp: { ...goodStamp, arch: 'arm64' } }), 'other-platform');
  assert.equal(reason({ stamp: 'unreadable' }), 'unreadable-stamp');
  assert.equal(reason({ stamp: null }), 'no-stamp');
});

test('failures are told apart: offline, no toolchain, a binary for the wrong runtime', () => {
  assert.equal(
    classifyBuildFailure('prebuild-install warn install getaddrinfo ENOTFOUND github.com'),
    'offline',
  );
  assert.equal(classifyBuildFailure('gyp ERR! stack Error: connect ECONNREFUSED 127.0.0.1:9'), 'offline');
  assert.equal(classifyBuildFailure('gyp ERR! find Python Python is not set'), 'no-compiler');
  assert.equal(classifyBuildFailure('/bin/sh: 1: g++: not found'), 'no-compiler');
  assert.equal(classifyBuildFailure('make: g++: No such file or directory'), 'no-compiler');
  assert.equal(classifyBuildFailure('xcrun: error: invalid active developer path'), 'no-compiler');
  assert.equal(classifyBuildFailure('ABI mismatch: source gave ABI 115'), 'wrong-abi');
  assert.equal(classifyBuildFailure('something else entirely'), 'other');
});

const runtime = (over: Partial<RuntimeFacts>): RuntimeFacts => ({
  versions: { modules: '115' },
  appRoot: join(sep, 'opt', 'rose'),
  packaged: false,
  betterSqlite3: target.betterSqlite3,
  platform: target.platform,
  arch: target.arch,
  ...over,
});

test("under Node the driver is Node's own build; nothing on disk is read", () => {
  assert.deepEqual(chooseNativeBinding(runtime({}), null), { kind: 'node' });
});

test('under Electron the Electron-ABI copy is loaded, from app.asar.unpacked when packaged', () => {
  const ready = { stamp: goodStamp, binaryAbi: '150', otherVersions: [] };
  const dev = chooseNativeBinding(runtime({ versions: { electron: '45.5.0', modules: '150' } }), ready);
  assert.deepEqual(dev, { kind: 'electron', path: electronSqlitePath(join(sep, 'opt', 'rose'), '45.5.0') });

  const asar = join(sep, 'opt', 'Rose', 'resources', 'app.asar');
  const packaged = chooseNativeBinding(
    runtime({ versions: { electron: '45.5.0', modules: '150' }, appRoot: asar, packaged: true }),
    ready,
  );
  assert.equal(
    packaged.kind === 'electron' && packaged.path,
    electronSqlitePath(`${asar}.unpacked`, '45.5.0'),
  );
  assert.equal(unpackedPath(join(asar, 'x', 'y.node')), join(`${asar}.unpacked`, 'x', 'y.node'));
  // The app root as computed from import.meta.url ends with a separator.
  assert.equal(unpackedPath(`${asar}${sep}`), `${asar}.unpacked${sep}`);
  assert.equal(unpackedPath(join(sep, 'opt', 'rose', 'y.node')), join(sep, 'opt', 'rose', 'y.node'));
});

test('under Electron a missing or stale copy is a coded error that says how to fix it', () => {
  const electron = runtime({ versions: { electron: '45.5.0', modules: '150' } });
  assert.throws(
    () => chooseNativeBinding(electron, { stamp: null, binaryAbi: undefined, otherVersions: [] }),
    (error: Error & { code?: string }) =>
      error.code === 'native-binding-missing' && /npm start/.test(error.message),
  );
  assert.throws(
    () =>
      chooseNativeBinding(
        { ...electron, packaged: true },
        { stamp: goodStamp, binaryAbi: '115', otherVersions: [] },
      ),
    (error: Error & { code?: string }) =>
      error.code === 'native-binding-missing' && /reinstall/.test(error.message),
  );
});

test('the facts are read from disk: binary ABI, stamp, and the versions present', () => {
  const root = mkdtempSync(join(tmpdir(), 'rose-native-facts-'));
  try {
    assert.deepEqual(readNativeFacts(root, '45.5.0'), {
      stamp: null,
      binaryAbi: undefined,
      otherVersions: [],
    });
    const dir = join(root, '.electron-native', '45.5.0');
    mkdirSync(dir, { recursive: true });
    mkdirSync(join(root, '.electron-native', '44.0.0'));
    mkdirSync(join(root, '.electron-native', '.stage-45.5.0'));
    writeFileSync(join(dir, 'better_sqlite3.node'), 'xx node_register_module_v150 xx');
    writeFileSync(join(dir, 'stamp.json'), '{ broken');
    const read = readNativeFacts(root, '45.5.0');
    assert.equal(read.binaryAbi, '150');
    assert.equal(read.stamp, 'unreadable');
    assert.deepEqual(read.otherVersions.sort(), ['44.0.0', '45.5.0']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
