import type { GgufTensorInfo } from 'node-llama-cpp';

/**
 * Bytes per block and elements per block of the ggml storage types seen in model files
 * (ggml's `type_traits`). Enough to tell where a tensor's data ends, and so whether a file was
 * cut short; an exotic type missing here only weakens that check to "the tensor starts in the file".
 */
const blockLayout: Record<number, { elements: number; bytes: number }> = {
  0: { elements: 1, bytes: 4 }, // F32
  1: { elements: 1, bytes: 2 }, // F16
  2: { elements: 32, bytes: 18 }, // Q4_0
  3: { elements: 32, bytes: 20 }, // Q4_1
  6: { elements: 32, bytes: 22 }, // Q5_0
  7: { elements: 32, bytes: 24 }, // Q5_1
  8: { elements: 32, bytes: 34 }, // Q8_0
  10: { elements: 256, bytes: 84 }, // Q2_K
  11: { elements: 256, bytes: 110 }, // Q3_K
  12: { elements: 256, bytes: 144 }, // Q4_K
  13: { elements: 256, bytes: 176 }, // Q5_K
  14: { elements: 256, bytes: 210 }, // Q6_K
  20: { elements: 32, bytes: 18 }, // IQ4_NL
  23: { elements: 256, bytes: 136 }, // IQ4_XS
  24: { elements: 1, bytes: 1 }, // I8
  25: { elements: 1, bytes: 2 }, // I16
  26: { elements: 1, bytes: 4 }, // I32
  27: { elements: 1, bytes: 8 }, // I64
  28: { elements: 1, bytes: 8 }, // F64
  30: { elements: 1, bytes: 2 }, // BF16
};

/** Bytes of one tensor's data; 1 for a type missing above (so its start, at least, must be in the file). */
export function tensorDataBytes(ggmlType: number, elements: number): number {
  const layout = blockLayout[ggmlType];
  return layout ? Math.ceil(elements / layout.elements) * layout.bytes : 1;
}

/** The smallest file size that holds every tensor's data completely (or at least its start, for unknown types). */
export function minimumFileSize(tensors: readonly GgufTensorInfo[]): number {
  let end = 0;
  for (const tensor of tensors) {
    const elements = tensor.dimensions.reduce<number>((product, dim) => product * Number(dim), 1);
    end = Math.max(end, Number(tensor.fileOffset) + tensorDataBytes(tensor.ggmlType, elements));
  }
  return end;
}
