#!/usr/bin/env node
// Runs the node:test suites whose sources exist in tests/ (compiled to dist/tests/ by `npm run build`).
// The list comes from the source tree, so a deleted test never runs from stale build output, and a
// test whose compiled file is missing fails the run instead of being skipped.
// Usage: node scripts/run-tests.mjs [folder under tests/ …]   e.g. `e2e` for the browser tests only.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// A hung native call must fail its test, not hang CI: every test gets this default limit unless it
// sets a longer `{ timeout }` of its own.
const DEFAULT_TEST_TIMEOUT_MS = 240_000;

function testSources(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return testSources(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const folders = process.argv.slice(2);
const roots = folders.length === 0 ? ['tests'] : folders.map((f) => join('tests', f));
const sources = roots.flatMap((folder) => testSources(join(root, folder))).sort();
const compiled = sources.map((source) => join(root, 'dist', relative(root, source)).replace(/\.ts$/, '.js'));
const missing = compiled.filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(`These tests are not built (run npm run build):\n  ${missing.join('\n  ')}`);
  process.exit(1);
}

const result = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=1', `--test-timeout=${DEFAULT_TEST_TIMEOUT_MS}`, ...compiled],
  { stdio: 'inherit', cwd: root },
);
process.exit(result.status ?? 1);
