import { basename } from 'node:path';

/** A short id people can type: the file name without `.gguf`, lower-cased, made unique with -2, -3… */
export function newModelId(fileName: string, taken: ReadonlySet<string>): string {
  const base =
    basename(fileName)
      .replace(/\.gguf$/i, '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '') || 'model';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
