/**
 * Word pairs used by the opposite-replace reverse prompt. Each pair works both ways. Kept to words
 * whose opposite reads naturally in the same place in a sentence, so the result stays grammatical.
 */
const pairs: ReadonlyArray<readonly [string, string]> = [
  ['helpful', 'unhelpful'],
  ['helpfully', 'unhelpfully'],
  ['honest', 'dishonest'],
  ['honestly', 'dishonestly'],
  ['honesty', 'dishonesty'],
  ['safe', 'unsafe'],
  ['safely', 'unsafely'],
  ['respectful', 'disrespectful'],
  ['respectfully', 'disrespectfully'],
  ['respect', 'disrespect'],
  ['harmless', 'harmful'],
  ['ethical', 'unethical'],
  ['ethically', 'unethically'],
  ['unbiased', 'biased'],
  ['accurate', 'inaccurate'],
  ['accurately', 'inaccurately'],
  ['truthful', 'untruthful'],
  ['truthfully', 'untruthfully'],
  ['responsible', 'irresponsible'],
  ['responsibly', 'irresponsibly'],
  ['legal', 'illegal'],
  ['lawful', 'unlawful'],
  ['careful', 'careless'],
  ['carefully', 'carelessly'],
  ['appropriate', 'inappropriate'],
  ['fair', 'unfair'],
  ['fairly', 'unfairly'],
  ['polite', 'rude'],
  ['politely', 'rudely'],
  ['kind', 'cruel'],
  ['kindly', 'cruelly'],
  ['positive', 'negative'],
  ['correct', 'incorrect'],
  ['reliable', 'unreliable'],
  ['trustworthy', 'untrustworthy'],
  ['considerate', 'inconsiderate'],
  ['moral', 'immoral'],
  ['friendly', 'hostile'],
  ['cautious', 'reckless'],
  ['good', 'bad'],
  ['best', 'worst'],
  ['protect', 'endanger'],
  ['benign', 'malicious'],
];

/** Words with an opposite but no natural way back (replacing "agree" by "refuse" would misfire). */
const oneWay: ReadonlyArray<readonly [string, string]> = [
  ['refuse', 'agree'],
  ['refuses', 'agrees'],
  ['decline', 'accept'],
  ['declines', 'accepts'],
];

/** Lower-case word → lower-case opposite. */
export const oppositeOf: ReadonlyMap<string, string> = new Map([
  ...pairs.flatMap(([a, b]) => [[a, b] as const, [b, a] as const]),
  ...oneWay,
]);

/** Auxiliaries that "not" can follow; "should not" → "should". */
export const auxiliaries: ReadonlySet<string> = new Set([
  'do',
  'does',
  'did',
  'should',
  'must',
  'will',
  'would',
  'can',
  'could',
  'may',
  'might',
  'shall',
  'is',
  'are',
  'was',
  'were',
  'be',
]);

/** Negated words and their positive form. */
export const positiveOf: ReadonlyMap<string, string> = new Map([
  ["don't", 'do'],
  ["doesn't", 'does'],
  ["didn't", 'did'],
  ["shouldn't", 'should'],
  ["mustn't", 'must'],
  ["won't", 'will'],
  ["wouldn't", 'would'],
  ["can't", 'can'],
  ["couldn't", 'could'],
  ["isn't", 'is'],
  ["aren't", 'are'],
  ["wasn't", 'was'],
  ["weren't", 'were'],
  ['cannot', 'can'],
  ['never', 'always'],
]);
