import { fileURLToPath } from 'node:url';

/** Where `vite build` puts the renderer: dist/renderer (this file runs from dist/main/server). */
export function defaultRendererDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ROSE_RENDERER_DIR || fileURLToPath(new URL('../../renderer/', import.meta.url));
}
