import type { LogitsSource } from './logitsSource.js';
import { fitConversation } from './prompt/contextWindow.js';
import type { PromptBuilder } from './prompt/promptBuilder.js';
import { type Decision, decideLoneCandidate, decideNextToken, onlyCandidate } from './rose/decide.js';
import { createPrng } from '../../shared/prng.js';
import { decodeSpeculatively } from './speculative.js';
import { TextStream } from './textStream.js';
import type { GenerateRequest, GenerationStats, StopReason } from './types.js';
import type { SteeredSpan } from '../../shared/domain.js';

/** What the generator needs from the loaded model, kept narrow so it can be unit-tested. */
export type GeneratorModel = {
  promptBuilder: PromptBuilder;
  isEndOfGeneration(token: number): boolean;
  detokenize(tokens: readonly number[]): string;
};

export type GenerateHooks = {
  /** Called with each newly showable piece of text. */
  onDelta?(text: string): void;
  /** Called once the prompts are evaluated, before the first token. */
  onStarted?(promptTokens: number): void;
  /** Checked before every step; when it returns true the generation ends as `aborted`. */
  isAborted?(): boolean;
};

/**
 * The ROSE decoding loop. Sequence 0 runs the safe prompt, sequence 1 the reverse prompt; both get
 * every chosen token, so they only ever differ in the system message. With ROSE off, only the safe
 * sequence runs (the paper's baseline).
 */
export async function generate(
  model: GeneratorModel,
  source: LogitsSource,
  request: GenerateRequest,
  hooks: GenerateHooks = {},
): Promise<GenerationStats> {
  const roseOn = request.rose.enabled;
  // A conversation longer than the context keeps its latest turns, the same ones in both runs.
  const fitted = fitConversation(
    model.promptBuilder,
    { safe: request.rose.safePrompt, reverse: roseOn ? request.rose.reversePrompt : null },
    request.turns,
    source.contextSize,
    request.maxTokens,
  );
  const { safe, reverse } = fitted;

  const cachedPromptTokens = commonPrefixLength(source.cachedTokens(0), safe.tokens);
  const started = performance.now();
  const sequences = reverse
    ? [
        { index: 0 as const, tokens: safe.tokens },
        { index: 1 as const, tokens: reverse.tokens },
      ]
    : [{ index: 0 as const, tokens: safe.tokens }];
  let [safeScores, reverseScores = null] = await source.sync(sequences);
  const prefillMs = performance.now() - started;
  hooks.onStarted?.(safe.tokens.length);

  const text = new TextStream(model.detokenize, [...safe.stopTexts, ...(request.stopTexts ?? [])]);
  const prng = createPrng(request.sampling.seed);
  const scratch = new Float32Array(source.vocabSize);
  const settings = { alpha: request.rose.alpha, beta: request.rose.beta, sampling: request.sampling };
  const tokens: number[] = [];
  let steered = 0;
  const steering: SteeredSpan[] = [];
  let firstTokenAt = 0;
  let stopReason: StopReason | 'aborted' | null = null;
  // The longer prompt decides when the context is full: both sequences must always stay in step.
  const longestPrompt = Math.max(safe.tokens.length, reverse?.tokens.length ?? 0);

  /** Takes one decided token; returns why the reply ends here, or null to go on. */
  const accept = (decision: Decision): StopReason | null => {
    if (tokens.length === 0) firstTokenAt = performance.now();
    if (!request.ignoreStop && model.isEndOfGeneration(decision.token)) return 'eog';
    tokens.push(decision.token);
    const before = text.decodedLength;
    const delta = text.push(decision.token);
    if (decision.steered) {
      steered++;
      // What the safe run alone would have written here, decoded after the same prefix.
      const alone = model.detokenize([...tokens.slice(0, -1), decision.safeOnlyToken]).slice(before);
      steering.push({ start: before, end: text.decodedLength, safeOnly: alone });
    }
    if (delta) hooks.onDelta?.(delta);
    if (!request.ignoreStop && text.stopped) return 'stop-trigger';
    if (tokens.length >= request.maxTokens) return 'max-tokens';
    if (longestPrompt + tokens.length >= source.contextSize) return 'context-full';
    return null;
  };

  let speculation: { drafted: number; kept: number } | null = null;
  if (reverse !== null && request.speculative === true && source.extend) {
    // The draws of step-by-step decoding, one per reply token, taken in order and kept, so a
    // redrafted position reuses its draw.
    const draws: number[] = [];
    const drawAt = (i: number) => {
      while (draws.length <= i) draws.push(prng());
      return draws[i] as number;
    };
    const result = await decodeSpeculatively({
      source: source as LogitsSource & Required<Pick<LogitsSource, 'extend'>>,
      safePrompt: safe.tokens,
      reversePrompt: reverse.tokens,
      safeScores: safeScores as Float32Array,
      reverseScores: reverseScores as Float32Array,
      settings,
      drawAt,
      accepted: () => tokens,
      accept,
      // Drafts never run past max tokens or the context (one position stays free).
      room: () =>
        Math.min(request.maxTokens - tokens.length, source.contextSize - longestPrompt - tokens.length - 1),
      isAborted: () => hooks.isAborted?.() === true,
      scratch,
    });
    stopReason = result.stopReason;
    speculation = { drafted: result.drafted, kept: result.kept };
  }

  // Lazy reverse (β > 0): when the mask leaves one candidate the reverse scores cannot matter, so
  // only the safe sequence is stepped; the reverse one catches up in one batch when next needed.
  const lazy = reverse !== null && request.rose.beta > 0 && request.lazyReverse !== false;
  let reverseBehind = false;
  let reverseSkipped = 0;

  while (stopReason === null) {
    if (hooks.isAborted?.()) {
      stopReason = 'aborted';
      break;
    }
    const lone = lazy ? onlyCandidate(safeScores!, request.rose.beta) : null;
    let decision: Decision;
    if (lone !== null) {
      decision = decideLoneCandidate(safeScores!, lone, request.sampling, prng);
    } else {
      if (reverseBehind) {
        // Scores may be views over the source's output buffer, which the catch-up decode reuses.
        safeScores = safeScores!.slice();
        [reverseScores] = await source.sync([{ index: 1, tokens: [...reverse!.tokens, ...tokens] }]);
        reverseBehind = false;
      }
      decision = decideNextToken(safeScores!, reverseScores, settings, prng, scratch);
    }
    stopReason = accept(decision);
    if (stopReason !== null) break;
    if (lone !== null || reverseBehind) {
      reverseBehind = true;
      reverseSkipped++;
      [safeScores] = await source.step([{ index: 0, token: decision.token }]);
    } else {
      const next = await source.step(sequences.map(({ index }) => ({ index, token: decision.token })));
      safeScores = next[0]!;
      reverseScores = next[1] ?? null;
    }
  }

  const tail = text.finish();
  if (tail) hooks.onDelta?.(tail);
  const decodeMs = performance.now() - started - prefillMs;
  return {
    text: text.text,
    tokens,
    generated: tokens.length,
    steered,
    steering: shownSpans(steering, text.text.length),
    logitsSource: source.kind,
    reverseSkipped,
    promptTokens: safe.tokens.length,
    cachedPromptTokens,
    contextSize: source.contextSize,
    droppedTurns: fitted.droppedTurns,
    shortenedLastTurn: fitted.shortenedLastTurn,
    speculation,
    stopReason,
    timings: {
      prefillMs,
      decodeMs,
      firstTokenMs: tokens.length > 0 ? firstTokenAt - started : 0,
      tokensPerSecond: decodeMs > 0 ? (tokens.length / decodeMs) * 1000 : 0,
    },
  };
}

function commonPrefixLength(a: readonly number[], b: readonly number[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Spans inside the text as shown (a stop trigger or an incomplete last character is cut off). */
function shownSpans(spans: SteeredSpan[], length: number): SteeredSpan[] {
  return spans
    .filter((span) => span.start < length && span.end > span.start)
    .map((span) => ({ ...span, end: Math.min(span.end, length) }));
}
