import type { ReverseMethod } from './domain.js';
import { auxiliaries, oppositeOf, positiveOf } from './reverse/oppositeWords.js';
import { neutralWords } from './reverse/randomWords.js';
import { UserError } from './errors.js';
import { createPrng } from './prng.js';

/** The methods that can be derived from a safe prompt ('manual' is written by a person). */
export type DerivedMethod = Exclude<ReverseMethod, 'manual'>;

export type DeriveOptions = { method?: DerivedMethod; seed?: number };

/**
 * Make a reverse prompt from a safe prompt: `opposite` (default) swaps key words for their
 * opposites; `random` gives seeded random words, as many as the safe prompt has (8 to 200).
 */
export function deriveReverse(safePrompt: string, options: DeriveOptions = {}): string {
  return (options.method ?? 'opposite') === 'random'
    ? randomWordsReverse(safePrompt, options.seed ?? 1)
    : oppositeReverse(safePrompt);
}

/**
 * `deriveReverse` for the app and the CLI: a reverse prompt equal to the safe prompt would make
 * ROSE subtract the safe run from itself and do nothing, so that result is refused with what to
 * do instead (opposite words know English only).
 */
export function deriveUsableReverse(safePrompt: string, options: DeriveOptions = {}): string {
  const reverse = deriveReverse(safePrompt, options);
  if (reverse.trim() === safePrompt.trim()) {
    throw new UserError(
      'derive-unchanged',
      'No word of this safe prompt has a known opposite (opposite words know English only), so the reverse prompt would equal it and ROSE would do nothing. Write the reverse prompt yourself, or derive it with random words.',
    );
  }
  return reverse;
}

const wordPattern = /[A-Za-z]+(?:['’][A-Za-z]+)?/g;
const sentencePattern = /[^.!?\n]+[.!?\n]*|[.!?\n]+/g;

/**
 * Opposite replace, sentence by sentence. A sentence that holds a negation ("must not", "don't",
 * "never") has only the negation flipped: "must not include harmful content" → "must include harmful
 * content". Flipping "harmful" as well would cancel the flip. Other sentences get word opposites:
 * "a helpful assistant" → "an unhelpful assistant" (articles follow the new word).
 */
export function oppositeReverse(safePrompt: string): string {
  return (safePrompt.match(sentencePattern) ?? []).map(flipSentence).join('');
}

function flipSentence(sentence: string): string {
  const words = [...sentence.matchAll(wordPattern)].map((m) => ({ text: m[0], at: m.index }));
  const lower = words.map((w) => normalize(w.text));
  const isNegation = (i: number) =>
    positiveOf.has(lower[i]!) || (lower[i] === 'not' && i > 0 && auxiliaries.has(lower[i - 1]!));
  const negated = lower.some((_, i) => isNegation(i));

  // Each edit replaces [from, to) of the sentence; collected first, applied right to left.
  const edits: Array<{ from: number; to: number; text: string }> = [];
  words.forEach((word, i) => {
    if (negated) {
      if (lower[i] === 'not' && isNegation(i)) {
        const previous = words[i - 1]!;
        edits.push({ from: previous.at + previous.text.length, to: word.at + word.text.length, text: '' });
      } else if (positiveOf.has(lower[i]!)) {
        edits.push({
          from: word.at,
          to: word.at + word.text.length,
          text: matchCase(word.text, positiveOf.get(lower[i]!)!),
        });
      }
      return;
    }
    const opposite = oppositeOf.get(lower[i]!);
    if (opposite === undefined) return;
    edits.push({ from: word.at, to: word.at + word.text.length, text: matchCase(word.text, opposite) });
    const previous = words[i - 1];
    if (
      previous &&
      (lower[i - 1] === 'a' || lower[i - 1] === 'an') &&
      onlySpaceBetween(sentence, previous, word)
    ) {
      const article = /^[aeiou]/i.test(opposite) ? 'an' : 'a';
      edits.push({
        from: previous.at,
        to: previous.at + previous.text.length,
        text: matchCase(previous.text, article),
      });
    }
  });

  let result = sentence;
  for (const edit of edits.sort((a, b) => b.from - a.from)) {
    result = result.slice(0, edit.from) + edit.text + result.slice(edit.to);
  }
  return result;
}

function normalize(word: string): string {
  return word.toLowerCase().replace('’', "'");
}

function onlySpaceBetween(sentence: string, a: { text: string; at: number }, b: { at: number }): boolean {
  return /^\s+$/.test(sentence.slice(a.at + a.text.length, b.at));
}

/** Give `replacement` the capitalisation of `original` (lower, Capitalised or UPPER). */
function matchCase(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase()) return replacement.toUpperCase();
  if (original[0] === original[0]!.toUpperCase()) return replacement[0]!.toUpperCase() + replacement.slice(1);
  return replacement;
}

/** Seeded random words, as many as the safe prompt has words (at least 8, at most 200). */
export function randomWordsReverse(safePrompt: string, seed: number): string {
  const count = Math.min(200, Math.max(8, safePrompt.match(wordPattern)?.length ?? 0));
  const next = createPrng(seed);
  const words = Array.from({ length: count }, () => neutralWords[Math.floor(next() * neutralWords.length)]!);
  return `${words.join(' ')}.`;
}
