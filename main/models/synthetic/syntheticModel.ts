import { chatTemplateFor, controlTokensFor } from './chatTemplates.js';
import { type GgufMetadata, type GgufTensor, writeGguf } from './ggufWriter.js';
import { resolveSyntheticOptions, type SyntheticModelOptions, syntheticParameterCount } from './options.js';
import { buildVocabulary } from './vocabulary.js';
import { GaussianStream } from './weights.js';

export {
  benchmarkModelOptions,
  STEERED_SHARE_GAINS,
  defaultSyntheticOptions,
  resolveSyntheticOptions,
  type SyntheticModelOptions,
  syntheticParameterCount,
} from './options.js';

/** What `writeSyntheticModel` wrote. */
export type SyntheticModelSummary = {
  path: string;
  /** File size in bytes. */
  bytes: number;
  parameterCount: number;
  /** The options after defaults were filled in. */
  options: SyntheticModelOptions;
};

const ALIGNMENT = 32;
const RMS_NORM_EPSILON = 1e-5;
const ROPE_FREQ_BASE = 10_000;
/** See `writeSyntheticModel` for why these scales. */
const EMBEDDING_STD = 0.5;
const QUERY_KEY_GAIN = 2;
const OUTPUT_GAIN = 3;

/**
 * Writes a Llama-architecture GGUF with seeded random weights. Same options → byte-identical
 * file. Invalid options throw a `UserError` before anything is written; the file appears at
 * `path` only once complete.
 *
 * Weight scales are chosen so the model behaves like a trained one in the ways tests need: the
 * next token depends clearly on the context (two system prompts give clearly different
 * distributions) and the logits spread over a few units (greedy picks are rarely near-ties):
 * - projections σ = 1/√fan_in, which keeps activations near unit size through the blocks;
 * - attn_q and attn_k twice that, so attention scores have σ ≈ 4 and each head looks at a few
 *   positions instead of averaging the whole prompt away (with 1/√fan_in the system prompt moved
 *   the next-token distribution by a total variation of ~0.2; with this gain ~0.7);
 * - token embeddings σ = 0.5, so the current token does not drown what attention brings in;
 * - output matrix σ = 3/√n_embd: after the final RMS norm the logits have σ ≈ 3. A tied
 *   embedding takes this scale too.
 */
export async function writeSyntheticModel(
  path: string,
  overrides: Partial<SyntheticModelOptions> = {},
): Promise<SyntheticModelSummary> {
  const options = resolveSyntheticOptions(overrides);
  const { bytes } = await writeGguf(path, buildMetadata(options), buildTensors(options));
  return { path, bytes, parameterCount: syntheticParameterCount(options), options };
}

function buildMetadata(options: SyntheticModelOptions): GgufMetadata {
  const vocabulary = buildVocabulary(options.vocabSize, controlTokensFor(options.template));
  const chatTemplate = chatTemplateFor(options.template);
  const u32 = (value: number) => ({ type: 'u32', value }) as const;
  const metadata: GgufMetadata = {
    'general.architecture': { type: 'string', value: 'llama' },
    'general.name': { type: 'string', value: modelName(options) },
    'general.alignment': u32(ALIGNMENT),
    'general.file_type': u32(options.dtype === 'f16' ? 1 : 0),
    'llama.context_length': u32(options.contextLength),
    'llama.embedding_length': u32(options.embeddingLength),
    'llama.block_count': u32(options.layers),
    'llama.feed_forward_length': u32(options.feedForwardLength),
    'llama.attention.head_count': u32(options.headCount),
    'llama.attention.head_count_kv': u32(options.headCountKv),
    'llama.attention.layer_norm_rms_epsilon': { type: 'f32', value: RMS_NORM_EPSILON },
    'llama.rope.dimension_count': u32(options.embeddingLength / options.headCount),
    'llama.rope.freq_base': { type: 'f32', value: ROPE_FREQ_BASE },
    'tokenizer.ggml.model': { type: 'string', value: 'llama' },
    'tokenizer.ggml.tokens': { type: 'array', itemType: 'string', value: vocabulary.tokens },
    'tokenizer.ggml.scores': { type: 'array', itemType: 'f32', value: vocabulary.scores },
    'tokenizer.ggml.token_type': { type: 'array', itemType: 'i32', value: vocabulary.types },
    'tokenizer.ggml.unknown_token_id': u32(vocabulary.unknownId),
    'tokenizer.ggml.bos_token_id': u32(vocabulary.bosId),
    'tokenizer.ggml.eos_token_id': u32(vocabulary.eosId),
    'tokenizer.ggml.add_bos_token': { type: 'bool', value: true },
    'tokenizer.ggml.add_eos_token': { type: 'bool', value: false },
  };
  if (chatTemplate !== undefined)
    metadata['tokenizer.chat_template'] = { type: 'string', value: chatTemplate };
  return metadata;
}

function modelName(options: SyntheticModelOptions): string {
  const shape = `v${options.vocabSize}-l${options.layers}-e${options.embeddingLength}-h${options.headCount}`;
  return `rose-synthetic-${shape}-${options.dtype}-s${options.seed}`;
}

function buildTensors(options: SyntheticModelOptions): GgufTensor[] {
  const embd = options.embeddingLength;
  const kvWidth = (embd * options.headCountKv) / options.headCount;
  const ff = options.feedForwardLength;
  const outputStd = OUTPUT_GAIN / Math.sqrt(embd);
  const dtype = options.dtype;
  const random = (name: string, dims: number[], std: number): GgufTensor => {
    const stream = new GaussianStream(options.seed, name);
    return { name, dims, type: dtype, fill: (chunk) => stream.fill(chunk, std) };
  };
  // A matrix [input, output] (GGUF order, innermost first) scaled by its fan-in.
  const projection = (name: string, input: number, output: number, gain = 1) =>
    random(name, [input, output], gain / Math.sqrt(input));
  const ones = (name: string): GgufTensor => ({
    name,
    dims: [embd],
    type: 'f32',
    fill: (chunk) => chunk.fill(1),
  });

  const tensors = [
    random('token_embd.weight', [embd, options.vocabSize], options.tiedOutput ? outputStd : EMBEDDING_STD),
  ];
  for (let layer = 0; layer < options.layers; layer++) {
    const block = `blk.${layer}`;
    tensors.push(
      ones(`${block}.attn_norm.weight`),
      projection(`${block}.attn_q.weight`, embd, embd, QUERY_KEY_GAIN),
      projection(`${block}.attn_k.weight`, embd, kvWidth, QUERY_KEY_GAIN),
      projection(`${block}.attn_v.weight`, embd, kvWidth),
      projection(`${block}.attn_output.weight`, embd, embd, options.contextGain),
      ones(`${block}.ffn_norm.weight`),
      projection(`${block}.ffn_gate.weight`, embd, ff),
      projection(`${block}.ffn_up.weight`, embd, ff),
      projection(`${block}.ffn_down.weight`, ff, embd),
    );
  }
  tensors.push(ones('output_norm.weight'));
  if (!options.tiedOutput) tensors.push(random('output.weight', [embd, options.vocabSize], outputStd));
  return tensors;
}
