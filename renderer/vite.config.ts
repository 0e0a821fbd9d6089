import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// base './' makes every asset URL relative, so the same build loads from file:// in Electron and
// from any path of the serve-mode HTTP server. Paths come from import.meta.dirname (no node: imports
// under renderer/) so the build works whichever folder it is started from.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  // Keep Vite's cache with the project's one node_modules, not in a second one under renderer/.
  cacheDir: `${import.meta.dirname}/../node_modules/.vite-renderer`,
  plugins: [react()],
  build: {
    outDir: `${import.meta.dirname}/../dist/renderer`,
    emptyOutDir: true,
    // No inline scripts: the Electron Content-Security-Policy allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
