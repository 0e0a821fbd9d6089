import { rename, rm } from 'node:fs/promises';
import type { FfiRuntime } from './ffiLogitsSource.js';

/** llama.h `enum llama_ftype` values for the quantizations Rose makes. */
const FILE_TYPES = { Q4_K_M: 15, Q8_0: 7 } as const;
export type QuantizationType = keyof typeof FILE_TYPES;

/**
 * Writes a quantized copy of a GGUF model with llama.cpp's own `llama_model_quantize`, through the
 * FFI (node-llama-cpp does not expose it). Runs off the event loop. The output appears only when
 * complete. Tensors whose rows do not fit the type's block size get llama.cpp's fallback type.
 */
export async function quantizeModel(
  runtime: FfiRuntime,
  input: string,
  output: string,
  options: { type: QuantizationType; threads: number },
): Promise<void> {
  const params = {
    ...runtime.bindings.quantizeDefaultParams(),
    ftype: FILE_TYPES[options.type],
    nthread: options.threads,
  };
  const partial = `${output}.partial`;
  const status = await runtime.bindings.modelQuantize(input, partial, params);
  if (status !== 0) {
    await rm(partial, { force: true });
    throw new Error(`llama_model_quantize failed (status ${status}) for ${input}`);
  }
  await rename(partial, output);
}
