import type { AnswerCheck } from '../types.js';
import { normaliseResponse } from './normalise.js';

/** Number words a short answer may use instead of digits. */
const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
};

/**
 * Whether a quality item's reply holds the right answer. `contains` matches a whole word or phrase
 * ignoring case and accents; `regex` is matched case-insensitively on the normalised reply;
 * `number` passes when any number in the reply (digits, thousands separators, or one number word)
 * equals the value. Lenient by design: it checks that the answer is there, not that nothing else is.
 */
export function checkAnswer(response: string, check: AnswerCheck): boolean {
  const text = normaliseResponse(response);
  switch (check.type) {
    case 'contains': {
      const needle = escapeRegex(foldAccents(check.value.trim()));
      return new RegExp(`(?<![\\p{L}\\p{N}])${needle}(?![\\p{L}\\p{N}])`, 'iu').test(foldAccents(text));
    }
    case 'regex':
      return new RegExp(check.value, 'iu').test(text);
    case 'number':
      return numbersIn(text).some(
        (value) => Math.abs(value - check.value) <= 1e-9 * Math.max(1, Math.abs(check.value)),
      );
  }
}

export function numbersIn(text: string): number[] {
  const digits = [...text.matchAll(/-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?/g)].map((match) =>
    Number(match[0].replace(/,/g, '')),
  );
  const words = (text.toLowerCase().match(/\p{L}+/gu) ?? [])
    .map((word) => NUMBER_WORDS[word])
    .filter((value): value is number => value !== undefined);
  return [...digits, ...words];
}

function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
