#!/usr/bin/env node
// Bundles main/electron/preload.ts and everything it imports (the contract's API builder) into the
// single CommonJS file a sandboxed Electron preload must be: only `electron` stays a require.
// Usage: node scripts/build-preload.mjs [--out FILE]   (default dist/main/electron/preload.cjs)
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outFile = resolve(values.out ?? join(root, 'dist', 'main', 'electron', 'preload.cjs'));

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    outDir: dirname(outFile),
    emptyOutDir: false,
    target: 'es2023',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    reportCompressedSize: false,
    lib: {
      entry: join(root, 'main', 'electron', 'preload.ts'),
      formats: ['cjs'],
      fileName: () => basename(outFile),
    },
    rollupOptions: { external: ['electron'] },
  },
});
process.stdout.write(`preload bundled: ${outFile}\n`);
