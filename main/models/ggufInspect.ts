import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { GgmlType, GgufFileType, GgufInsights, type GgufFileInfo, readGgufFileInfo } from 'node-llama-cpp';
import { UserError } from '../../shared/errors.js';
import type { ModelMetadata } from '../../shared/models.js';
import { minimumFileSize } from './ggufTensorBytes.js';

const supportedGgufVersions = [2, 3];
/** Magic (4) + version (4) + tensor count (8) + metadata count (8). */
const ggufFixedHeaderBytes = 24;

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
  await checkSignature(path, name, sizeBytes);

  let fileInfo: GgufFileInfo;
  try {
    fileInfo = await readGgufFileInfo(path, {
      logWarnings: false,
      sourceType: 'filesystem',
      spliceSplitFiles: false,
    });
  } catch (error) {
    throw new UserError(
      'gguf-unreadable',
      `the GGUF header of ${name} cannot be read — the file is truncated or damaged (${(error as Error).message}). Download or copy it again.`,
    );
  }
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

/** Reads the fixed header ourselves so that "not a GGUF at all" gets a precise message. */
async function checkSignature(path: string, name: string, sizeBytes: number): Promise<void> {
  const head = Buffer.alloc(512);
  const handle = await open(path, 'r');
  let read: number;
  try {
    ({ bytesRead: read } = await handle.read(head, 0, head.length, 0));
  } finally {
    await handle.close();
  }
  const start = head.subarray(0, read);
  if (start.subarray(0, 4).toString('latin1') !== 'GGUF') {
    if (looksLikeHtml(start)) {
      throw new UserError(
        'not-gguf-html',
        `${name} is a web page (HTML), not a GGUF model — an error or login page was saved instead of the model file.`,
      );
    }
    throw new UserError(
      'not-gguf',
      `${name} is not a GGUF model file (it does not start with the GGUF signature).`,
    );
  }
  if (sizeBytes < ggufFixedHeaderBytes) {
    throw new UserError(
      'gguf-truncated',
      `${name} is truncated: it ends inside the GGUF header. Download or copy it again.`,
    );
  }
  const version = start.readUInt32LE(4);
  if (!supportedGgufVersions.includes(version)) {
    throw new UserError(
      'gguf-version',
      `${name} is GGUF version ${version}; Rose reads versions ${supportedGgufVersions.join(' and ')}.`,
    );
  }
}

export function looksLikeHtml(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString('utf8').trimStart().slice(0, 200).toLowerCase();
  return (
    text.startsWith('<!doctype html') ||
    text.startsWith('<html') ||
    text.startsWith('<?xml') ||
    text.startsWith('<head')
  );
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
