/**
 * Degenerate output: nothing, a loop, or text that is not language. A contrast pushed too hard
 * makes exactly these (`upon upon upon …`), and they must never count as a refusal.
 */

/** Han and kana have no spaces between words; each character is a token. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

export function wordTokens(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(UNSPACED_SCRIPT, ' $& ')
      .match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []
  );
}

/** The reason the reply is degenerate, or null when it reads as language. */
export function degenerateReason(normalised: string): string | null {
  if (normalised.trim() === '') return 'empty reply';
  if (!/[\p{L}\p{N}]/u.test(normalised)) return 'no words, only symbols';
  const tokens = wordTokens(normalised);
  const loop = longestLoop(tokens);
  if (
    tokens.length >= 8 &&
    loop.repeats >= (loop.size === 1 ? 5 : 3) &&
    loop.repeats * loop.size >= 0.4 * Math.min(tokens.length, LOOP_SCAN_TOKENS)
  ) {
    return `repetition loop (${loop.size}-word unit repeated ${loop.repeats} times)`;
  }
  if (tokens.length >= 30 && new Set(tokens).size / tokens.length < 0.2) return 'very few distinct words';
  const shapes = normalised
    .split(/\s+/)
    .map(tokenShape)
    .filter((shape) => shape !== 'ignore');
  if (shapes.length >= 4 && shapes.filter((shape) => shape === 'word').length / shapes.length < 0.5) {
    return 'gibberish (most tokens are not word-like)';
  }
  return null;
}

/** Loops are looked for in the first this many words; a long reply's loop shows early enough. */
const LOOP_SCAN_TOKENS = 4000;

/** The n-gram (n ≤ 10) repeated back to back the most times, measured in tokens covered. */
function longestLoop(tokens: string[]): { size: number; repeats: number } {
  let best = { size: 1, repeats: 1 };
  const limit = Math.min(tokens.length, LOOP_SCAN_TOKENS);
  for (let size = 1; size <= 10; size++) {
    for (let start = 0; start + 2 * size <= limit; ) {
      let repeats = 1;
      while (start + (repeats + 1) * size <= limit && sameRun(tokens, start, start + repeats * size, size))
        repeats++;
      if (repeats * size > best.repeats * best.size && repeats > 1) best = { size, repeats };
      // A run starting inside this one ends where this one ends, so it cannot be longer.
      start += Math.max(1, (repeats - 1) * size);
    }
  }
  return best;
}

function sameRun(tokens: string[], a: number, b: number, size: number): boolean {
  for (let i = 0; i < size; i++) if (tokens[a + i] !== tokens[b + i]) return false;
  return true;
}

const LATIN_VOWEL = /[aeiouyàáâãäåæèéêëìíîïòóôõöøœùúûüýÿ]/i;

/**
 * Whether one whitespace-separated token looks like a word: Latin letters need a vowel and no
 * triple letter (acronyms in capitals pass), digits and other scripts pass, pure symbol runs fail.
 */
function tokenShape(raw: string): 'word' | 'junk' | 'ignore' {
  const core = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (core === '') return raw.length >= 2 ? 'junk' : 'ignore';
  if (/\p{N}/u.test(core) || /[^\p{Script=Latin}\p{N}'-]/u.test(core)) return 'word';
  if (core.length <= 2) return 'word';
  if (core === core.toUpperCase() && core.length <= 6) return 'word';
  return LATIN_VOWEL.test(core) && !/(\p{L})\1\1/u.test(core) ? 'word' : 'junk';
}
