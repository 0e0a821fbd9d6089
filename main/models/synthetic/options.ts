import { UserError } from '../../../shared/errors.js';
import { controlTokensFor, type SyntheticTemplate } from './chatTemplates.js';
import { minimumVocabularySize } from './vocabulary.js';

/** The shape and contents of a synthetic Llama-architecture model. */
export type SyntheticModelOptions = {
  /** Tokens in the vocabulary, including the 3 special, 256 byte and template control tokens. */
  vocabSize: number;
  /** Transformer blocks. */
  layers: number;
  /** Width of the residual stream (n_embd). */
  embeddingLength: number;
  /** Attention heads; `embeddingLength / headCount` is the head size and must be even (RoPE). */
  headCount: number;
  /** Key/value heads (grouped-query attention); must divide `headCount`. */
  headCountKv: number;
  /** Hidden width of the SwiGLU feed-forward block. */
  feedForwardLength: number;
  /** `llama.context_length`: the longest context the model claims to support. */
  contextLength: number;
  /** Storage of the matrices; norm vectors are always f32. */
  dtype: 'f32' | 'f16';
  /** Seed of every weight; the same options always give a byte-identical file. */
  seed: number;
  template: SyntheticTemplate;
  /** Reuse the token embedding as the output matrix (no `output.weight`), as small real models do. */
  tiedOutput: boolean;
  /**
   * Scale of every attention output projection: how much the earlier tokens (the system prompt
   * among them) move the next-token scores. 1 is a plain random model, where ROSE changes most
   * tokens; near 0 the next token depends mostly on the current one, so the safe and reverse runs
   * agree on most picks, as they do on real models (see `steeredShareContextGain`).
   */
  contextGain: number;
};

/** The tiny test model: about 0.2M parameters, loads in a blink, still holds bytes + ChatML. */
export const defaultSyntheticOptions: Readonly<SyntheticModelOptions> = Object.freeze({
  vocabSize: 1000,
  layers: 2,
  embeddingLength: 64,
  headCount: 4,
  headCountKv: 2,
  feedForwardLength: 128,
  contextLength: 2048,
  dtype: 'f32',
  seed: 1,
  template: 'chatml',
  tiedOutput: false,
  contextGain: 1,
});

/**
 * Context gains of the benchmark shape that give ROSE (α 0.5, the default preset) a steered share
 * of about 5 %, 20 % and 65 % of tokens: measured with `rose generate` on the 32k model (6/64 at
 * 0.001, 13/64 at 0.004, 43/64 at 0.02). `rose bench` reports the share it actually saw.
 */
export const STEERED_SHARE_GAINS = { low: 0.0005, mid: 0.004, high: 0.02 } as const;

/**
 * The model `rose bench --vocab N` writes: 12 layers × 768 wide, F16, tied output, ChatML; about
 * 110M parameters with a 32000 vocabulary and 200M with 151936, like a small real model.
 */
export function benchmarkModelOptions(vocabSize: number, contextGain = 1): SyntheticModelOptions {
  return resolveSyntheticOptions({
    contextGain,
    vocabSize,
    layers: 12,
    embeddingLength: 768,
    headCount: 12,
    headCountKv: 12,
    feedForwardLength: 2048,
    contextLength: 4096,
    dtype: 'f16',
    template: 'chatml',
    tiedOutput: true,
  });
}

const MAXIMUM_VOCAB_SIZE = 1_000_000;

/** Fills in defaults and checks every option, throwing a `UserError` that names the bad one. */
export function resolveSyntheticOptions(
  overrides: Partial<SyntheticModelOptions> = {},
): SyntheticModelOptions {
  const options: SyntheticModelOptions = { ...defaultSyntheticOptions };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) (options as Record<string, unknown>)[key] = value;
  }
  if (options.template !== 'chatml' && options.template !== 'none') {
    invalid(`template must be "chatml" or "none", not "${String(options.template)}"`);
  }
  if (options.dtype !== 'f32' && options.dtype !== 'f16') {
    invalid(`dtype must be "f32" or "f16", not "${String(options.dtype)}"`);
  }
  const minimumVocab = minimumVocabularySize(controlTokensFor(options.template));
  checkInteger('vocabulary size (--vocab)', options.vocabSize, minimumVocab, MAXIMUM_VOCAB_SIZE);
  checkInteger('layer count (--layers)', options.layers, 1, 512);
  checkInteger('embedding length (--embd)', options.embeddingLength, 2, 65_536);
  checkInteger('head count (--heads)', options.headCount, 1, 1024);
  checkInteger('key/value head count (--kv-heads)', options.headCountKv, 1, options.headCount);
  checkInteger('feed-forward length (--ff)', options.feedForwardLength, 1, 262_144);
  checkInteger('context length (--context)', options.contextLength, 16, 1_048_576);
  checkInteger('seed (--seed)', options.seed, 0, Number.MAX_SAFE_INTEGER);
  if (options.embeddingLength % options.headCount !== 0) {
    invalid(
      `embedding length ${options.embeddingLength} must be a multiple of the head count ${options.headCount}`,
    );
  }
  if ((options.embeddingLength / options.headCount) % 2 !== 0) {
    invalid('the head size (embedding length / head count) must be even for rotary position embeddings');
  }
  if (options.headCount % options.headCountKv !== 0) {
    invalid(
      `the head count ${options.headCount} must be a multiple of the key/value head count ${options.headCountKv}`,
    );
  }
  if (typeof options.tiedOutput !== 'boolean') invalid('tiedOutput must be true or false');
  if (typeof options.contextGain !== 'number' || !(options.contextGain >= 0 && options.contextGain <= 4))
    invalid(`context gain (--context-gain) must be a number from 0 to 4, not ${String(options.contextGain)}`);
  return options;
}

/** Number of weights in the model the options describe. */
export function syntheticParameterCount(options: SyntheticModelOptions): number {
  const embd = options.embeddingLength;
  const kvWidth = (embd * options.headCountKv) / options.headCount;
  const perLayer = 2 * embd + 2 * embd * embd + 2 * embd * kvWidth + 3 * embd * options.feedForwardLength;
  const embedding = options.vocabSize * embd;
  return embedding * (options.tiedOutput ? 1 : 2) + options.layers * perLayer + embd;
}

function checkInteger(what: string, value: unknown, minimum: number, maximum: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum || value > maximum) {
    invalid(`${what} must be a whole number from ${minimum} to ${maximum}, not ${String(value)}`);
  }
}

function invalid(message: string): never {
  throw new UserError('invalid-model-options', message);
}
