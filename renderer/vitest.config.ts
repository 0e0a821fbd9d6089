import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // Keep Vite's cache with the project's one node_modules, not in a second one under renderer/.
  cacheDir: `${import.meta.dirname}/../node_modules/.vite-renderer`,
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.{ts,tsx}'],
    // The machine is shared: one worker is plenty for these small tests.
    maxWorkers: 1,
  },
});
