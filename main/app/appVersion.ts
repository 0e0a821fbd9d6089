import { readFileSync } from 'node:fs';

let version: string | undefined;

/** Rose's own version, from its package.json (dist/main/app → the package root). */
export function appVersion(): string {
  if (version === undefined) {
    try {
      const file = new URL('../../../package.json', import.meta.url);
      version = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      version = 'unknown';
    }
  }
  return version;
}
