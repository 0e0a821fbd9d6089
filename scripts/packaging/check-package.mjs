#!/usr/bin/env node
// Packaging check: runs electron-builder `--linux dir` offline against a stub Electron
// distribution and asserts what lands in app.asar and app.asar.unpacked. The result cannot run
// (the stub has no real Electron), but it proves the config, the file filters and the unpacking of
// native binaries. Needs a built project (`npm run build`). Usage:
//   node scripts/packaging/check-package.mjs [--keep] [--json]
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { listAsar } from './asarListing.mjs';
import { checkPackageContents, listFilesBelow } from './packageChecks.mjs';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const distNative = (file) => pathToFileURL(join(projectDir, 'dist', 'main', 'native', file)).href;

/**
 * The Electron-ABI better-sqlite3 that `npm run native:electron` builds. Where it was never built
 * (CI has no internet) a placeholder stands in for the packaging run: it carries no ABI symbol, so
 * even if it were left behind the app would call it unusable and rebuild it. Returns a cleanup.
 */
function ensureNativeForPackaging(dir, binaryName, stampName) {
  const binary = join(dir, binaryName);
  if (existsSync(binary)) return { placeholder: false, cleanup: () => {} };
  mkdirSync(dir, { recursive: true });
  writeFileSync(binary, 'placeholder written by scripts/packaging/check-package.mjs; not a binary\n');
  writeFileSync(join(dir, stampName), '{"placeholder": true}\n');
  return {
    placeholder: true,
    cleanup: () => {
      rmSync(binary, { force: true });
      rmSync(join(dir, stampName), { force: true });
    },
  };
}

/** The four files electron-builder copies from `electronDist`; the "binary" is a shell script. */
function writeStubElectron(dir, electronVersion) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stub Electron for packaging checks"\nexit 1\n', {
    mode: 0o755,
  });
  writeFileSync(join(dir, 'version'), electronVersion);
  writeFileSync(join(dir, 'LICENSE'), 'Stub Electron distribution for packaging checks (not Electron).\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stub</title>\n');
}

function runElectronBuilder(stubDir, outDir) {
  const cli = createRequire(join(projectDir, 'package.json')).resolve('electron-builder/cli.js');
  const args = [
    cli,
    '--linux',
    'dir',
    '--x64',
    '--publish',
    'never',
    `-c.electronDist=${stubDir}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${outDir}`,
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, {
      // With a local electronDist and no rebuild, `--linux dir` needs no network.
      cwd: projectDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, output }));
  });
}

/**
 * How electron-builder itself resolves each platform's icon from the config (its own
 * iconConverter, offline: Rose ships a ready icns and ico, and the Linux set is the 1024 px PNG
 * as it is, so no conversion tool has to be downloaded).
 */
async function resolveIcons(outDir) {
  const projectRequire = createRequire(join(projectDir, 'package.json'));
  const yaml = projectRequire('js-yaml');
  const { convertIcon } = projectRequire('app-builder-lib/out/util/iconConverter.js');
  const config = yaml.load(readFileSync(join(projectDir, 'electron-builder.yml'), 'utf8'));
  const roots = [join(projectDir, config.directories?.buildResources ?? 'build'), projectDir];
  const resolved = {};
  for (const [platform, format] of [
    ['linux', 'set'],
    ['mac', 'icns'],
    ['win', 'ico'],
  ]) {
    const source = config[platform]?.icon;
    try {
      const result = await convertIcon({
        sources: source ? [source] : [],
        fallbackSources: [],
        roots,
        format,
        outDir: join(outDir, `icon-${format}`),
      });
      resolved[platform] = {
        source: source ?? null,
        files: result.icons.map((icon) => ({ file: relative(projectDir, icon.file), size: icon.size })),
        fallback: result.isFallback,
      };
    } catch (error) {
      resolved[platform] = { source: source ?? null, files: [], fallback: false, error: error.message };
    }
  }
  return resolved;
}

/**
 * Builds the package into a temp folder and checks it.
 * @param {{ keep?: boolean }} [options]
 * @returns {Promise<{ ok: boolean, seconds: number, outDir: string, results: {name: string, ok: boolean, detail: string}[] }>}
 */
export async function checkPackage(options = {}) {
  const started = process.hrtime.bigint();
  const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'));
  const missingBuild = [pkg.main, 'dist/main/electron/preload.cjs'].filter(
    (file) => !existsSync(join(projectDir, file)),
  );
  if (missingBuild.length > 0) {
    throw new Error(`${missingBuild.join(' and ')} not built: run \`npm run build\` first.`);
  }
  const electronVersion = JSON.parse(
    readFileSync(join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version;
  const electronAbi = readFileSync(
    join(projectDir, 'node_modules', 'electron', 'abi_version'),
    'utf8',
  ).trim();
  const native = await import(distNative('electronNative.js'));
  const binding = await import(distNative('nativeBinding.js'));
  const nativeBuild = ensureNativeForPackaging(
    native.electronNativeDir(projectDir, electronVersion),
    native.SQLITE_BINARY_NAME,
    native.STAMP_NAME,
  );
  const workDir = mkdtempSync(join(tmpdir(), 'rose-package-'));
  const stubDir = join(workDir, 'electron-dist');
  const outDir = join(workDir, 'out');
  try {
    writeStubElectron(stubDir, electronVersion);
    const build = await runElectronBuilder(stubDir, outDir);
    const resources = join(outDir, 'linux-unpacked', 'resources');
    const archive = join(resources, 'app.asar');
    let results;
    if (build.code !== 0 || !existsSync(archive)) {
      const tail = build.output.trim().split('\n').slice(-15).join('\n');
      results = [
        { name: 'electron-builder --linux dir succeeds', ok: false, detail: `exit ${build.code}\n${tail}` },
      ];
    } else {
      const unpackedDir = join(resources, 'app.asar.unpacked');
      // Where the packaged app will look (the same functions as main/native at run time).
      const loadPath = native.electronSqlitePath(binding.nativeRoot(archive), electronVersion);
      const loadFile = existsSync(loadPath) ? readFileSync(loadPath) : null;
      results = checkPackageContents({
        icons: await resolveIcons(workDir),
        electronSqlite: {
          relativePath: relative(unpackedDir, loadPath).split(sep).join('/'),
          exists: loadFile !== null,
          placeholder: nativeBuild.placeholder,
          abi: loadFile === null ? null : native.addonAbiOf(loadFile),
          electronAbi,
        },
        asar: listAsar(archive),
        unpackedOnDisk: existsSync(unpackedDir) ? listFilesBelow(unpackedDir) : [],
        mainEntry: pkg.main,
        presetFiles: readdirSync(join(projectDir, 'assets', 'presets')).filter((f) => f.endsWith('.json')),
        rendererBuilt: existsSync(join(projectDir, 'dist', 'renderer', 'index.html')),
        platformArch: 'linux-x64',
      });
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { ok: results.every((r) => r.ok), seconds, outDir, results };
  } finally {
    nativeBuild.cleanup();
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({ options: { keep: { type: 'boolean' }, json: { type: 'boolean' } } });
  const report = await checkPackage({ keep: values.keep === true });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    for (const r of report.results) {
      process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok ? '' : `: ${r.detail}`}\n`);
    }
    const kept = values.keep ? ` (kept in ${report.outDir})` : '';
    process.stdout.write(
      `packaging check ${report.ok ? 'passed' : 'FAILED'} in ${report.seconds.toFixed(1)} s${kept}\n`,
    );
  }
  process.exitCode = report.ok ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    process.stderr.write(`packaging check: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
