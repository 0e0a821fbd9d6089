/**
 * Turns generated tokens into text deltas that are safe to show as they arrive:
 * - a multi-byte character split across byte tokens is held back until it is complete, so no
 *   U+FFFD ever reaches the user;
 * - text that could be the start of a stop trigger is held back until it is known not to be one,
 *   so a trigger never flashes on screen and is then taken back.
 */
export class TextStream {
  private readonly tokens: number[] = [];
  private emitted = '';
  private decoded = 0;
  private stoppedAt: number | null = null;

  constructor(
    private readonly detokenize: (tokens: readonly number[]) => string,
    private readonly stopTexts: readonly string[],
  ) {}

  /** The text shown so far. */
  get text(): string {
    return this.emitted;
  }

  /** Length of the whole decoding of the tokens so far, held-back text included. */
  get decodedLength(): number {
    return this.decoded;
  }

  /** Whether a stop trigger has appeared in the text. */
  get stopped(): boolean {
    return this.stoppedAt !== null;
  }

  /** Adds a token; returns the newly showable text (possibly empty). */
  push(token: number): string {
    this.tokens.push(token);
    return this.advance(false);
  }

  /** No more tokens: releases what was held back (except a stop trigger) and returns it. */
  finish(): string {
    return this.advance(true);
  }

  private advance(final: boolean): string {
    if (this.stoppedAt !== null) return '';
    let full = this.detokenize(this.tokens);
    this.decoded = full.length;
    for (const stop of this.stopTexts) {
      const at = full.indexOf(stop);
      if (at >= 0 && (this.stoppedAt === null || at < this.stoppedAt)) this.stoppedAt = at;
    }
    if (this.stoppedAt !== null) full = full.slice(0, this.stoppedAt);
    else if (!final) full = full.slice(0, full.length - this.heldBackLength(full));
    // Trailing U+FFFD is an incomplete character: wait for its bytes, or drop it at the very end.
    full = full.replace(/\uFFFD+$/, '');
    // The decoded prefix is stable in practice; if a detokenizer ever rewrites earlier text, keep
    // what the user has already seen and continue from there rather than duplicate it.
    if (!full.startsWith(this.emitted)) return '';
    const delta = full.slice(this.emitted.length);
    this.emitted = full;
    return delta;
  }

  /** Length of the longest tail of `text` that is a proper prefix of a stop trigger. */
  private heldBackLength(text: string): number {
    let longest = 0;
    for (const stop of this.stopTexts) {
      for (let n = Math.min(stop.length - 1, text.length); n > longest; n--) {
        if (text.endsWith(stop.slice(0, n))) {
          longest = n;
          break;
        }
      }
    }
    return longest;
  }
}
