import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { GgmlType, GgufFileType, type GgufFileInfo, GgufInsights } from 'node-llama-cpp';
import { UserError } from '../../shared/errors.js';
import type { ModelMetadata } from '../../shared/models.js';
import { checkGgufHeader } from './ggufHeaderCheck.js';
import { readGgufInfoIsolated } from './ggufInfoIsolated.js';
import { minimumFileSize } from './ggufTensorBytes.js';

/** A checked GGUF file: its metadata plus what node-llama-cpp read, for fit estimates. */
export type InspectedGguf = {
  path: string;
  sizeBytes: number;
  metadata: ModelMetadata;
  fileInfo: GgufFileInfo;
};

/**
 * Checks that `path` is a complete GGUF model the bundled llama.cpp can run, and reads its
 * metadata, without loading the weights. Every problem is a UserError naming the file.
 */
export async function inspectGguf(path: string): Promise<InspectedGguf> {
  const name = basename(path);
  const sizeBytes = await fileSize(path);
  // Bounded checks first, then node-llama-cpp's reader in a child process: no file, however
  // damaged, reaches a reader in this process.
  await checkGgufHeader(path);
  const fileInfo = await readGgufInfoIsolated(path);
  const needed = minimumFileSize(fileInfo.fullTensorInfo ?? []);
  if (sizeBytes < needed) {
    throw new UserError(
      'gguf-truncated',
      `${name} is truncated: it has ${sizeBytes} bytes but its tensors need ${needed}. Download or copy it again.`,
    );
  }

  const insights = await GgufInsights.from(fileInfo);
  const architecture = String(fileInfo.metadata.general?.architecture ?? '');
  if (!insights.isSupportedByLlamaCpp) {
    throw new UserError(
      'gguf-unsupported-architecture',
      `${name} uses the "${architecture || 'unknown'}" architecture, which this version of Rose's llama.cpp cannot run.`,
    );
  }
  return { path, sizeBytes, fileInfo, metadata: describe(fileInfo, insights) };
}

async function fileSize(path: string): Promise<number> {
  try {
    const stats = await stat(path);
    if (!stats.isFile()) throw new UserError('not-a-file', `${path} is not a file.`);
    return stats.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UserError('not-found', `${path} does not exist.`);
    throw error;
  }
}

function describe(fileInfo: GgufFileInfo, insights: GgufInsights): ModelMetadata {
  const general = fileInfo.metadata.general;
  const name =
    typeof general?.name === 'string' && general.name.trim() !== '' ? general.name.trim() : undefined;
  return {
    ggufVersion: fileInfo.version,
    architecture: String(general?.architecture ?? 'unknown'),
    ...(name === undefined ? {} : { name }),
    parameters: insights.totalParameters,
    quantization: quantizationName(general?.file_type, insights.dominantTensorType),
    contextLength: Number(insights.trainContextSize ?? 0),
    layers: Number(fileInfo.architectureMetadata.block_count ?? insights.totalLayers - 1),
    hasChatTemplate: typeof fileInfo.metadata.tokenizer?.chat_template === 'string',
  };
}

/** "Q4_K_M" from `general.file_type` (GgufFileType.MOSTLY_Q4_K_M), else the dominant tensor type. */
function quantizationName(fileType: number | undefined, dominant: GgmlType | undefined): string {
  const fromFileType = fileType === undefined ? undefined : GgufFileType[fileType];
  if (fromFileType) return fromFileType.replace(/^(MOSTLY|ALL)_/, '');
  if (dominant !== undefined && GgmlType[dominant]) return GgmlType[dominant];
  return 'unknown';
}
