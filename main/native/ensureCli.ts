// `npm run native:electron` (part of `npm start` and `npm run dist`): makes sure the Electron-ABI
// better-sqlite3 exists for the installed Electron, building it on first start. Runs under Node.
//   node dist/main/native/ensureCli.js [--root DIR] [--force] [--arch ARCH]
// --arch builds for another architecture of this OS (packaging for it); one build is kept.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureElectronNative, type ToolRun } from './buildElectronNative.js';
import { appRoot, installedBetterSqlite3, installedElectronTarget } from './nativeFacts.js';

const requireHere = createRequire(import.meta.url);
const HEARTBEAT_MS = 15_000;

/**
 * npm hands its configuration to scripts as npm_config_* variables. A `nodedir` there (common in
 * ~/.npmrc on machines that build addons offline) makes node-gyp compile against Node's headers
 * whatever --target says, and the runtime/target/disturl ones fight the flags we pass; the tools
 * get every other variable (proxies, caches) unchanged.
 */
const OVERRIDDEN_NPM_CONFIG = ['nodedir', 'target', 'runtime', 'disturl', 'dist_url', 'arch', 'target_arch'];

function toolEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    const key = name.toLowerCase().replace(/-/g, '_');
    if (OVERRIDDEN_NPM_CONFIG.some((setting) => key === `npm_config_${setting}`)) delete env[name];
  }
  return env;
}

/** Runs a tool under this Node, keeps its output for the log, and says it is still alive. */
const runTool: ToolRun = (script, args, cwd) =>
  new Promise((done) => {
    const started = Date.now();
    const child = spawn(process.execPath, [script, ...args], {
      cwd,
      env: toolEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const beat = setInterval(() => {
      const seconds = Math.round((Date.now() - started) / 1000);
      process.stdout.write(`rose: … still working (${Math.floor(seconds / 60)}m${seconds % 60}s)\n`);
    }, HEARTBEAT_MS);
    child.on('error', (error) => {
      clearInterval(beat);
      done({ code: 1, output: `${output}\n${error.message}` });
    });
    child.on('close', (code) => {
      clearInterval(beat);
      done({ code: code ?? 1, output });
    });
  });

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { root: { type: 'string' }, force: { type: 'boolean' }, arch: { type: 'string' } },
  });
  const root = resolve(values.root ?? appRoot);
  const installed = installedElectronTarget();
  const target = values.arch ? { ...installed, arch: values.arch } : installed;
  const sqlite = installedBetterSqlite3();
  const result = await ensureElectronNative({
    root,
    target,
    sourceDir: sqlite.dir,
    tools: {
      prebuildInstall: createRequire(join(sqlite.dir, 'package.json')).resolve('prebuild-install/bin.js'),
      nodeGyp: process.env.npm_config_node_gyp ?? requireHere.resolve('node-gyp/bin/node-gyp.js'),
    },
    run: runTool,
    progress: (line) => process.stdout.write(`rose: ${line}\n`),
    force: values.force === true,
  });
  if (!result.ok) {
    process.stderr.write(`rose: ${result.message}\n`);
    return 1;
  }
  if (!result.built) process.stdout.write(`rose: better-sqlite3 for Electron ${target.electron} is ready\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`rose: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
