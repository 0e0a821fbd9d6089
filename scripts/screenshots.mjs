#!/usr/bin/env node
// Rewrites the README's screenshots in docs/screenshots/ by running the browser tests with the
// folder pointed there. An ordinary test run writes its screenshots to a temporary folder instead,
// so tests never rewrite tracked files.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const runner = fileURLToPath(new URL('./run-tests.mjs', import.meta.url));
const result = spawnSync(process.execPath, [runner, 'e2e'], {
  stdio: 'inherit',
  env: { ...process.env, ROSE_SCREENSHOTS_DIR: folder },
});
process.exit(result.status ?? 1);
