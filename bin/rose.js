#!/usr/bin/env node
// The `rose` command runs the compiled CLI; `npm ci` builds it through the `prepare` script.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('rose: the project is not built yet. Run `npm run build` (or `npm ci`) first.\n');
  process.exit(2);
}
await import(entry.href);
