/**
 * Where the ROSE generator gets next-token scores from. Two implementations exist behind this
 * interface: the node-llama-cpp public API (exact, slow: full probability lists) and raw logits
 * from libllama through FFI (fast). Both must choose the same tokens for the same inputs.
 *
 * Values may be raw logits or log-probabilities: ROSE only ever compares scores within one step,
 * and the two differ by a per-step constant per sequence, which cancels in argmax and softmax.
 */
export type LogitsSourceKind = 'api' | 'ffi';

/** Sequence 0 holds the safe prompt, sequence 1 the reverse prompt. */
export type SequenceIndex = 0 | 1;

export interface LogitsSource {
  readonly kind: LogitsSourceKind;
  readonly vocabSize: number;
  /** Tokens the context can hold per sequence. */
  readonly contextSize: number;

  /**
   * Make each listed sequence hold exactly `tokens`, reusing the longest common prefix already in
   * its cache and evaluating only the rest, in one batch across sequences. Returns the scores for
   * the token after the last one, in the order the sequences were given.
   */
  sync(
    sequences: ReadonlyArray<{ index: SequenceIndex; tokens: readonly number[] }>,
  ): Promise<Float32Array[]>;

  /**
   * Append one token to each listed sequence and evaluate them in one batch.
   * Returns the scores for the following token, in the order given.
   */
  step(sequences: ReadonlyArray<{ index: SequenceIndex; token: number }>): Promise<Float32Array[]>;

  /**
   * Append `tokens` to one sequence in one evaluation and return the scores after each of them
   * (speculative verification). Optional: only sources that can read every position offer it.
   */
  extend?(index: SequenceIndex, tokens: readonly number[]): Promise<Float32Array[]>;

  /** Tokens currently held by a sequence's cache. */
  cachedTokens(index: SequenceIndex): readonly number[];

  /** Forget both sequences' caches (keeps the context allocated). */
  reset(): Promise<void>;

  /** Free the context. The source is unusable afterwards. */
  dispose(): Promise<void>;
}
