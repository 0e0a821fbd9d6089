import { basename } from 'node:path';
import type { ModelMetadata } from '../../shared/models.js';

/**
 * The name people see for a model: its `general.name`, unless that only repeats the architecture
 * (many small conversions write "llama"), in which case the file name says more.
 */
export function modelDisplayName(
  metadata: Pick<ModelMetadata, 'name' | 'architecture'>,
  file: string,
): string {
  const name = metadata.name?.trim();
  if (name && name.toLowerCase() !== metadata.architecture.toLowerCase()) return name;
  return basename(file).replace(/\.gguf$/i, '');
}
