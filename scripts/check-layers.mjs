#!/usr/bin/env node
// Enforces the layer rules of ARCHITECTURE.md by reading every import specifier.
// Biome has no rule that knows which folder may import which, so this small check does it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const importPattern =
  /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Each rule: files under `folder` must not import what `forbids` matches (given the resolved target). */
const rules = [
  {
    folder: 'shared',
    why: 'shared/ imports nothing from the app and no Node or DOM runtime',
    forbids: (target) => (target.relative ? !target.path.startsWith(`shared${sep}`) : target.spec !== 'zod'),
  },
  {
    folder: 'renderer',
    why: 'renderer/ imports only shared/ and browser packages',
    forbids: (target) =>
      target.relative
        ? !(target.path.startsWith(`renderer${sep}`) || target.path.startsWith(`shared${sep}`))
        : target.spec.startsWith('node:') ||
          ['electron', 'better-sqlite3', 'node-llama-cpp', 'koffi'].includes(target.spec),
  },
  {
    folder: 'main/engine',
    why: 'the engine knows nothing about conversations or storage',
    forbids: (target) =>
      (target.relative && /^main[\\/](db|services|app|server|electron)[\\/]/.test(target.path)) ||
      target.spec === 'better-sqlite3',
  },
  {
    folder: 'main/services',
    why: 'services contain no SQL and no transport',
    forbids: (target) =>
      target.spec === 'better-sqlite3' ||
      (target.relative && /^main[\\/](server|electron|cli)[\\/]/.test(target.path)),
  },
];
const everywhereButElectron = (file, target) =>
  target.spec === 'electron' &&
  !file.startsWith(`main${sep}electron${sep}`) &&
  !file.startsWith(`tests${sep}`);
const sqliteOutsideDb = (file, target) =>
  target.spec === 'better-sqlite3' &&
  !file.startsWith(`main${sep}db${sep}`) &&
  !file.startsWith(`tests${sep}`);

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

const problems = [];
for (const top of ['main', 'shared', 'renderer', 'tests']) {
  let files;
  try {
    files = [...sourceFiles(join(root, top))];
  } catch {
    continue;
  }
  for (const abs of files) {
    const file = relative(root, abs);
    const text = readFileSync(abs, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const spec = match[1] ?? match[2];
      const isRelative = spec.startsWith('.');
      const target = {
        spec,
        relative: isRelative,
        path: isRelative ? relative(root, resolve(dirname(abs), spec)) : spec,
      };
      for (const rule of rules) {
        if (file.startsWith(`${rule.folder.split('/').join(sep)}${sep}`) && rule.forbids(target)) {
          problems.push(`${file}: imports '${spec}' (${rule.why})`);
        }
      }
      if (everywhereButElectron(file, target))
        problems.push(`${file}: imports 'electron' (only main/electron/ may)`);
      if (sqliteOutsideDb(file, target))
        problems.push(`${file}: imports 'better-sqlite3' (SQL lives in main/db/)`);
    }
  }
}

if (problems.length > 0) {
  process.stderr.write(`Layer rules broken:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('layers: ok\n');
