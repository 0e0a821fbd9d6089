// What a Rose package must and must not contain, as pure checks over an asar listing, so the
// rules read in one place and the packaging check only gathers the facts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {{ path: string, unpacked: boolean }} AsarEntry
 * @typedef {{ name: string, ok: boolean, detail: string }} CheckResult
 */

/**
 * @param {object} facts
 * @param {AsarEntry[]} facts.asar            entries of resources/app.asar
 * @param {string[]} facts.unpackedOnDisk     files under resources/app.asar.unpacked (relative, `/`)
 * @param {string} facts.mainEntry            package.json "main"
 * @param {string[]} facts.presetFiles        file names in the project's assets/presets
 * @param {boolean} facts.rendererBuilt       whether dist/renderer/index.html exists in the project
 * @param {string} facts.platformArch         node-llama-cpp folder prefix, e.g. linux-x64
 * @param {{relativePath: string, exists: boolean, placeholder: boolean, abi: string|null, electronAbi: string}} facts.electronSqlite
 *   the Electron-ABI better-sqlite3 at the path the packaged app loads (relative to app.asar.unpacked)
 * @param {Record<'linux'|'mac'|'win', {source: string|null, files: {file: string, size: number}[], fallback: boolean, error?: string}>} facts.icons
 *   each platform's icon as electron-builder resolves it from the config
 * @returns {CheckResult[]}
 */
export function checkPackageContents(facts) {
  const inAsar = new Set(facts.asar.map((entry) => entry.path));
  const unpacked = facts.unpackedOnDisk;
  const results = [];
  const check = (name, ok, detail) => results.push({ name, ok, detail });
  const present = (path) => check(`app.asar contains ${path}`, inAsar.has(path), 'missing');
  const unpackedMatch = (name, pattern) => {
    const hits = unpacked.filter((path) => pattern.test(path));
    check(
      name,
      hits.length > 0,
      hits.length > 0 ? hits.slice(0, 3).join(', ') : `nothing matches ${pattern}`,
    );
  };

  present('package.json');
  present(facts.mainEntry);
  present('dist/main/electron/preload.cjs');
  present('assets/build/icon.png');

  // Every platform gets Rose's icon from assets/build, never Electron's default.
  const wanted = {
    linux: ['assets/build/icon.png', 1024],
    mac: ['assets/build/icon.icns', 0],
    win: ['assets/build/icon.ico', 256],
  };
  for (const [platform, [file, minSize]] of Object.entries(wanted)) {
    const icon = facts.icons[platform];
    const hit = icon?.files.find((f) => f.file === file);
    check(
      `electron-builder picks up the ${platform} icon ${file}`,
      hit !== undefined && !icon.fallback && hit.size >= minSize,
      icon?.error ??
        (icon
          ? `resolved to ${JSON.stringify(icon.files)}${icon.fallback ? ' (default icon)' : ''}`
          : 'not resolved'),
    );
  }
  if (facts.rendererBuilt) present('dist/renderer/index.html');
  for (const preset of facts.presetFiles) present(`assets/presets/${preset}`);
  check('built-in presets are packaged', facts.presetFiles.length > 0, 'assets/presets is empty');

  const sqlite = facts.electronSqlite;
  check(
    `Electron-ABI better-sqlite3 unpacked where the app loads it (${sqlite.relativePath}${sqlite.placeholder ? ', a placeholder: not built on this machine' : ''})`,
    sqlite.exists && unpacked.includes(sqlite.relativePath),
    'missing from app.asar.unpacked',
  );
  check(
    'the stamp of the Electron-ABI build is unpacked beside it',
    unpacked.includes(sqlite.relativePath.replace(/[^/]+$/, 'stamp.json')),
    'stamp.json missing',
  );
  if (!sqlite.placeholder) {
    check(
      `the packaged better-sqlite3 is built for Electron's ABI ${sqlite.electronAbi}`,
      sqlite.abi === sqlite.electronAbi,
      `its ABI is ${sqlite.abi ?? 'unknown'}`,
    );
  }
  const nodeBuild = unpacked
    .concat(facts.asar.map((e) => e.path))
    .filter((path) => /^node_modules\/better-sqlite3\/(build|deps|src)\//.test(path));
  check(
    "Node's better-sqlite3 build and sources are not packaged",
    nodeBuild.length === 0,
    nodeBuild.slice(0, 3).join(', '),
  );
  unpackedMatch('koffi binary unpacked', /(^|\/)koffi[^/]*\/.*koffi\.node$/);
  const llamaBins = new RegExp(
    `^node_modules/@node-llama-cpp/${facts.platformArch}[^/]*/bins/.*llama-addon\\.node$`,
  );
  unpackedMatch(`node-llama-cpp ${facts.platformArch} addon unpacked`, llamaBins);
  const llamaLib = new RegExp(
    `^node_modules/@node-llama-cpp/${facts.platformArch}/bins/.*libllama[^/]*\\.(so|dylib|dll)$`,
  );
  unpackedMatch(`libllama for ${facts.platformArch} unpacked (FFI fast path)`, llamaLib);

  const onDisk = new Set(unpacked);
  const missingUnpacked = facts.asar.filter((entry) => entry.unpacked && !onDisk.has(entry.path));
  check(
    'every entry marked unpacked exists in app.asar.unpacked',
    missingUnpacked.length === 0,
    missingUnpacked
      .slice(0, 5)
      .map((e) => e.path)
      .join(', '),
  );
  const nativeInside = facts.asar.filter(
    (entry) => !entry.unpacked && /\.(node|so|dylib|dll)$/.test(entry.path),
  );
  check(
    'no native binary left inside app.asar',
    nativeInside.length === 0,
    nativeInside
      .slice(0, 5)
      .map((e) => e.path)
      .join(', '),
  );

  const appFiles = facts.asar.map((e) => e.path).filter((path) => !path.startsWith('node_modules/'));
  const forbidden = appFiles.filter(
    (path) =>
      /^(dist\/)?tests\//.test(path) ||
      /^(main|shared|renderer|scripts)\//.test(path) ||
      /\.(ts|tsx|mts|cts|map)$/.test(path) ||
      /\.gguf$/.test(path),
  );
  check(
    'no tests, sources, source maps or models in the package',
    forbidden.length === 0,
    forbidden.slice(0, 5).join(', '),
  );
  return results;
}

/** Every file below `dir`, relative and `/`-separated. */
export function listFilesBelow(dir, prefix = '') {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...listFilesBelow(join(dir, entry.name), relative));
    else files.push(relative);
  }
  return files;
}
