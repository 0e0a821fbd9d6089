import type { LlamaContext, LlamaContextSequence } from 'node-llama-cpp';
import type { LogitsSource, SequenceIndex } from '../logitsSource.js';

/**
 * log(p) for tokens whose probability underflowed to 0 in float32: the log of the smallest
 * float32 denormal. It is also the gap at which exp() underflows, so it is the most negative score
 * the public API can express. Raw logits (FFI path) have no such floor.
 */
export const ZERO_PROBABILITY_LOG = Math.log(1.401298464324817e-45);

/**
 * Scores from node-llama-cpp's public API: the full next-token probability list at temperature 0
 * (exact softmax of the logits), turned into log-probabilities. Exact but slow: node-llama-cpp sorts
 * the whole vocabulary and builds a Map per sequence per step. Both sequences' evaluations are
 * queued in the same tick, which node-llama-cpp dispatches as one batched llama_decode.
 */
export function createApiLogitsSource(context: LlamaContext, vocabSize: number): LogitsSource {
  const sequences: [LlamaContextSequence, LlamaContextSequence] = [
    context.getSequence(),
    context.getSequence(),
  ];

  const evaluate = async (
    sequence: LlamaContextSequence,
    tokens: readonly number[],
  ): Promise<Float32Array> => {
    const last = tokens.length - 1;
    const input = tokens.map((token, i) =>
      i === last
        ? ([token, { generateNext: { probabilities: true, options: { temperature: 0 } } }] as const)
        : token,
    );
    // biome-ignore lint/suspicious/noExplicitAny: node-llama-cpp's Token is a branded number
    const results = await sequence.controlledEvaluate(input as any);
    const probabilities = results[last]?.next.probabilities;
    if (!probabilities) throw new Error('node-llama-cpp returned no probabilities for the last token');
    const scores = new Float32Array(vocabSize).fill(ZERO_PROBABILITY_LOG);
    for (const [token, p] of probabilities) if (p > 0) scores[token] = Math.log(p);
    return scores;
  };

  return {
    kind: 'api',
    vocabSize,
    contextSize: context.contextSize,

    async sync(requests) {
      const work = requests.map(async ({ index, tokens }) => {
        if (tokens.length === 0) throw new RangeError('cannot evaluate an empty prompt');
        const sequence = sequences[index];
        const cached = sequence.contextTokens;
        // Keep the common prefix, but always evaluate at least the last token: its scores are needed.
        let keep = 0;
        while (keep < cached.length && keep < tokens.length - 1 && cached[keep] === tokens[keep]) keep++;
        if (keep < sequence.nextTokenIndex) {
          await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
        }
        return { sequence, rest: tokens.slice(keep) };
      });
      // Erase first, then queue every evaluation in the same tick so they share one decode.
      const prepared = await Promise.all(work);
      return Promise.all(prepared.map(({ sequence, rest }) => evaluate(sequence, rest)));
    },

    step(requests) {
      return Promise.all(requests.map(({ index, token }) => evaluate(sequences[index], [token])));
    },

    cachedTokens: (index: SequenceIndex) => sequences[index].contextTokens,

    async reset() {
      await Promise.all(sequences.map((sequence) => sequence.clearHistory()));
    },

    async dispose() {
      await context.dispose();
    },
  };
}
