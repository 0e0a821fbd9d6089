// The first-start build's sequence (prebuilt, then source, then verification), with the two build
// tools replaced by scripted ones. The real tools run in tests/integration/electronNativeCli.test.ts.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureElectronNative, type ToolRun, toolArgs } from '../../main/native/buildElectronNative.js';
import {
  electronNativeDir,
  electronSqlitePath,
  type NativeTarget,
} from '../../main/native/electronNative.js';

const target: NativeTarget = {
  electron: '45.5.0',
  abi: '150',
  betterSqlite3: '12.11.1',
  platform: 'linux',
  arch: 'x64',
};
const tools = { prebuildInstall: 'prebuild-install', nodeGyp: 'node-gyp' };

type Outcome = { code: number; abi?: string; output?: string };

/** A tool that "builds" a file carrying the given ABI symbol into the staged build folder. */
function scripted(outcomes: Record<string, Outcome>, calls: string[]): ToolRun {
  return async (script, _args, cwd) => {
    calls.push(script);
    const outcome = outcomes[script] ?? { code: 1, output: 'not scripted' };
    if (outcome.code === 0 && outcome.abi) {
      mkdirSync(join(cwd, 'build', 'Release'), { recursive: true });
      writeFileSync(
        join(cwd, 'build', 'Release', 'better_sqlite3.node'),
        `ELF node_register_module_v${outcome.abi}`,
      );
    }
    return { code: outcome.code, output: outcome.output ?? '' };
  };
}

function withRoot(work: (root: string, sourceDir: string) => Promise<void>) {
  return async () => {
    const root = mkdtempSync(join(tmpdir(), 'rose-ensure-'));
    const sourceDir = join(root, 'source');
    for (const folder of ['src', 'deps']) mkdirSync(join(sourceDir, folder), { recursive: true });
    writeFileSync(join(sourceDir, 'package.json'), '{"name":"better-sqlite3"}');
    writeFileSync(join(sourceDir, 'binding.gyp'), '{}');
    try {
      await work(root, sourceDir);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
}

const base = (root: string, sourceDir: string, run: ToolRun) => ({
  root,
  target,
  sourceDir,
  tools,
  run,
  progress: () => {},
});

test(
  'first start: the prebuilt binary is used when it downloads; the next start builds nothing',
  withRoot(async (root, sourceDir) => {
    const calls: string[] = [];
    const run = scripted({ 'prebuild-install': { code: 0, abi: '150' } }, calls);
    const first = await ensureElectronNative(base(root, sourceDir, run));
    assert.equal(first.ok && first.built && first.method, 'prebuilt');
    assert.deepEqual(calls, ['prebuild-install']);
    const stamp = JSON.parse(readFileSync(join(electronNativeDir(root, '45.5.0'), 'stamp.json'), 'utf8'));
    assert.equal(stamp.abi, '150');
    assert.equal(existsSync(join(root, '.electron-native', '.stage-45.5.0')), false, 'staging removed');

    const second = await ensureElectronNative(base(root, sourceDir, run));
    assert.equal(second.ok && second.built, false);
    assert.deepEqual(calls, ['prebuild-install'], 'no tool ran the second time');
  }),
);

test(
  'no prebuilt binary: compiled from source',
  withRoot(async (root, sourceDir) => {
    const calls: string[] = [];
    const run = scripted(
      { 'prebuild-install': { code: 1, output: '404 Not Found' }, 'node-gyp': { code: 0, abi: '150' } },
      calls,
    );
    const result = await ensureElectronNative(base(root, sourceDir, run));
    assert.equal(result.ok && result.built && result.method, 'source');
    assert.deepEqual(calls, ['prebuild-install', 'node-gyp']);
  }),
);

test(
  'a tool that "succeeds" with a Node-ABI binary is caught: nothing is installed, the message says so',
  withRoot(async (root, sourceDir) => {
    const run = scripted(
      {
        'prebuild-install': { code: 1, output: 'getaddrinfo ENOTFOUND github.com' },
        'node-gyp': { code: 0, abi: '115' },
      },
      [],
    );
    const result = await ensureElectronNative(base(root, sourceDir, run));
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /another runtime/);
    assert.equal(existsSync(electronSqlitePath(root, '45.5.0')), false);
  }),
);

test(
  'offline: both ways fail, the message asks for internet once and names the log',
  withRoot(async (root, sourceDir) => {
    const run = scripted(
      {
        'prebuild-install': { code: 1, output: 'getaddrinfo ENOTFOUND github.com' },
        'node-gyp': { code: 1, output: 'gyp ERR! stack Error: getaddrinfo ENOTFOUND electronjs.org' },
      },
      [],
    );
    const result = await ensureElectronNative(base(root, sourceDir, run));
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.match(result.message, /needs internet once/);
      assert.match(readFileSync(result.logFile, 'utf8'), /ENOTFOUND electronjs\.org/);
    }
  }),
);

test(
  'after an Electron upgrade the new build is made and the old one removed',
  withRoot(async (root, sourceDir) => {
    const run = scripted({ 'prebuild-install': { code: 0, abi: '150' } }, []);
    await ensureElectronNative(base(root, sourceDir, run));
    const upgraded = { ...target, electron: '46.0.0', abi: '151' };
    const next = await ensureElectronNative({
      ...base(root, sourceDir, scripted({ 'prebuild-install': { code: 0, abi: '151' } }, [])),
      target: upgraded,
    });
    assert.equal(next.ok && next.built, true);
    assert.equal(existsSync(electronSqlitePath(root, '46.0.0')), true);
    assert.equal(existsSync(electronNativeDir(root, '45.5.0')), false);
  }),
);

test('the tools are asked for Electron, its exact version and architecture', () => {
  const args = toolArgs(target);
  assert.deepEqual(args.prebuilt.slice(0, 4), ['--runtime', 'electron', '--target', '45.5.0']);
  assert.ok(args.source.includes('--runtime=electron'));
  assert.ok(args.source.includes('--target=45.5.0'));
  assert.ok(args.source.includes('--arch=x64'));
});

test(
  'a forced rebuild that fails keeps the working copy',
  withRoot(async (root, sourceDir) => {
    await ensureElectronNative(
      base(root, sourceDir, scripted({ 'prebuild-install': { code: 0, abi: '150' } }, [])),
    );
    const before = readFileSync(electronSqlitePath(root, '45.5.0'));
    const offline = scripted(
      {
        'prebuild-install': { code: 1, output: 'getaddrinfo ENOTFOUND github.com' },
        'node-gyp': { code: 1, output: 'getaddrinfo ENOTFOUND electronjs.org' },
      },
      [],
    );
    const forced = await ensureElectronNative({ ...base(root, sourceDir, offline), force: true });
    assert.equal(forced.ok, false);
    assert.ok(readFileSync(electronSqlitePath(root, '45.5.0')).equals(before));
    const after = await ensureElectronNative(base(root, sourceDir, offline));
    assert.equal(after.ok && after.built, false, 'still ready without a rebuild');
  }),
);
