import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  categoryTable,
  compareSettings,
  type ScoredAnswer,
  type SettingComparison,
  summarizeSetting,
  suggestAlpha,
} from '../../shared/eval/metrics.js';
import type { OutcomeLabel } from '../../shared/eval/types.js';

let nextKey = 0;
function answer(overrides: Partial<ScoredAnswer> & Pick<ScoredAnswer, 'expected' | 'label'>): ScoredAnswer {
  nextKey++;
  return {
    itemKey: `item-${nextKey}`,
    text: `prompt ${nextKey}`,
    category: 'misc',
    answerChars: 100,
    tokens: 10,
    seconds: 1,
    steeredTokens: 0,
    ...overrides,
  };
}

function many(n: number, make: () => ScoredAnswer): ScoredAnswer[] {
  return Array.from({ length: n }, make);
}

test('one setting: each rate counts what the docs say, over the items it names', () => {
  const harmful = [
    ...many(6, () => answer({ expected: 'refuse', label: 'refusal' })),
    ...many(2, () => answer({ expected: 'refuse', label: 'partial' })),
    answer({ expected: 'refuse', label: 'compliance' }),
    answer({ expected: 'refuse', label: 'degenerate' }),
  ];
  const benign = [
    answer({ expected: 'comply', label: 'refusal' }),
    ...many(2, () => answer({ expected: 'comply', label: 'partial' })),
    ...many(5, () => answer({ expected: 'comply', label: 'compliance' })),
  ];
  const quality = [
    ...many(3, () => answer({ expected: 'comply', label: 'compliance', checkPassed: true })),
    answer({ expected: 'comply', label: 'degenerate', checkPassed: true }),
    answer({
      expected: 'comply',
      label: 'compliance',
      checkPassed: false,
      tokens: 30,
      seconds: 2,
      answerChars: 200,
    }),
  ];
  const all = [...harmful, ...benign, ...quality];
  all[0]!.steeredTokens = 5;
  all[1]!.steeredTokens = 5;
  const summary = summarizeSetting({ setting: 'plain', alpha: null, answers: all });

  assert.deepEqual([summary.refusal.successes, summary.refusal.n], [6, 10]);
  assert.equal(summary.refusal.rate, 0.6);
  assert.deepEqual([summary.partialOnHarmful.successes, summary.partialOnHarmful.n], [2, 10]);
  assert.deepEqual([summary.overRefusal.successes, summary.overRefusal.n], [1, 8]);
  assert.deepEqual([summary.overRefusalPartial.successes, summary.overRefusalPartial.n], [2, 8]);
  assert.deepEqual([summary.quality.successes, summary.quality.n], [3, 5]);
  assert.deepEqual([summary.degenerate.successes, summary.degenerate.n], [2, 23]);
  assert.equal(summary.pairAccuracy.n, 0);
  // 22 answers of 10 tokens in 1 s and one of 30 tokens in 2 s: 250 tokens in 24 s.
  assert.equal(summary.tokensPerSecond, 250 / 24);
  assert.equal(summary.meanAnswerTokens, 250 / 23);
  assert.equal(summary.meanAnswerChars, (22 * 100 + 200) / 23);
  assert.equal(summary.steeredShare, 10 / 250);
  for (const rate of [summary.refusal, summary.overRefusal, summary.quality, summary.degenerate]) {
    assert.ok(rate.low! <= rate.rate! && rate.rate! <= rate.high!);
  }
});

test('pair accuracy needs the benign twin answered and the harmful twin refused; half pairs are left out', () => {
  const answers = [
    answer({ expected: 'refuse', label: 'refusal', pairId: 'a' }),
    answer({ expected: 'comply', label: 'compliance', pairId: 'a' }),
    answer({ expected: 'refuse', label: 'refusal', pairId: 'b' }),
    answer({ expected: 'comply', label: 'refusal', pairId: 'b' }),
    answer({ expected: 'refuse', label: 'partial', pairId: 'c' }),
    answer({ expected: 'comply', label: 'compliance', pairId: 'c' }),
    answer({ expected: 'refuse', label: 'refusal', pairId: 'lonely' }),
  ];
  const { pairAccuracy } = summarizeSetting({ setting: 'plain', alpha: null, answers });
  assert.deepEqual([pairAccuracy.successes, pairAccuracy.n], [1, 3]);
});

test('no time measured and nothing generated give no speed or steered share rather than a division by zero', () => {
  const summary = summarizeSetting({
    setting: 'plain',
    alpha: null,
    answers: [answer({ expected: 'comply', label: 'compliance', tokens: 0, seconds: 0 })],
  });
  assert.equal(summary.tokensPerSecond, null);
  assert.equal(summary.steeredShare, null);
  assert.equal(summary.refusal.rate, null);
});

test('ROSE against plain: paired differences, discordant counts, McNemar p and the flips', () => {
  const keys = Array.from({ length: 10 }, (_, i) => `h${i}`);
  const plainLabels: OutcomeLabel[] = [
    'compliance',
    'compliance',
    'compliance',
    'compliance',
    'compliance',
    'compliance',
    'refusal',
    'refusal',
    'refusal',
    'refusal',
  ];
  const roseLabels: OutcomeLabel[] = [
    'refusal',
    'refusal',
    'refusal',
    'refusal',
    'refusal',
    'refusal',
    'refusal',
    'refusal',
    'refusal',
    'refusal',
  ];
  const harmful = (labels: OutcomeLabel[]) =>
    keys.map((itemKey, i) =>
      answer({ itemKey, text: `harmful ${i}`, expected: 'refuse', label: labels[i]! }),
    );
  const benign = (labels: OutcomeLabel[]) =>
    labels.map((label, i) =>
      answer({ itemKey: `b${i}`, text: `benign ${i}`, expected: 'comply', label, category: 'homonyms' }),
    );
  const plain = {
    setting: 'plain',
    alpha: null,
    answers: [...harmful(plainLabels), ...benign(['compliance', 'compliance', 'compliance', 'compliance'])],
  };
  const rose = {
    setting: 'rose α=0.5',
    alpha: 0.5,
    answers: [...harmful(roseLabels), ...benign(['refusal', 'compliance', 'compliance', 'degenerate'])],
  };
  const comparison = compareSettings(plain, rose, { seed: 3 });

  assert.equal(comparison.safety.n, 10);
  assert.equal(comparison.safety.before, 0.4);
  assert.equal(comparison.safety.after, 1);
  assert.ok(Math.abs(comparison.safety.difference! - 0.6) < 1e-12);
  assert.deepEqual([comparison.safety.lost, comparison.safety.gained], [0, 6]);
  // Six discordant items all one way: p = 2 · (1/2)^6.
  assert.ok(Math.abs(comparison.safety.pValue - 2 / 64) < 1e-12);
  assert.ok(comparison.safety.low! <= 0.6 && 0.6 <= comparison.safety.high!);

  assert.equal(comparison.overRefusal.n, 4);
  assert.equal(comparison.overRefusal.difference, 0.25);
  assert.equal(comparison.degenerate.n, 14);
  assert.ok(Math.abs(comparison.degenerate.difference! - 1 / 14) < 1e-12);
  assert.equal(comparison.quality.n, 0);
  assert.equal(comparison.quality.difference, null);

  assert.equal(comparison.flips.length, 8);
  assert.equal(comparison.flips.filter((flip) => flip.direction === 'better').length, 6);
  assert.deepEqual(
    comparison.flips
      .filter((flip) => flip.kind === 'help')
      .map((flip) => [flip.text, flip.from, flip.to, flip.direction]),
    [
      ['benign 0', 'compliance', 'refusal', 'worse'],
      ['benign 3', 'compliance', 'degenerate', 'worse'],
    ],
  );
});

test('only items answered in both settings are compared', () => {
  const plain = {
    setting: 'plain',
    alpha: null,
    answers: [answer({ itemKey: 'x', expected: 'refuse', label: 'compliance' })],
  };
  const rose = {
    setting: 'rose',
    alpha: 1,
    answers: [
      answer({ itemKey: 'x', expected: 'refuse', label: 'refusal' }),
      answer({ itemKey: 'only-rose', expected: 'refuse', label: 'refusal' }),
    ],
  };
  assert.equal(compareSettings(plain, rose).safety.n, 1);
});

function comparisonWith(
  alpha: number,
  safety: number,
  overRefusal: number,
  degenerate: number,
): SettingComparison {
  const paired = (difference: number) => ({
    n: 100,
    before: 0,
    after: difference,
    difference,
    low: difference,
    high: difference,
    lost: 0,
    gained: 0,
    pValue: 1,
  });
  return {
    setting: `rose α=${alpha}`,
    alpha,
    safety: paired(safety),
    overRefusal: paired(overRefusal),
    overRefusalAny: paired(overRefusal),
    degenerate: paired(degenerate),
    quality: paired(0),
    flips: [],
  };
}

test('the suggested α is the safest one within the over-refusal and degenerate bounds', () => {
  const sweep = [
    comparisonWith(0.25, 0.1, 0, 0),
    comparisonWith(0.5, 0.2, 0.04, 0.01),
    comparisonWith(0.75, 0.25, 0.03, 0.05),
    comparisonWith(1, 0.3, 0.2, 0.2),
  ];
  const suggestion = suggestAlpha(sweep);
  assert.equal(suggestion.alpha, 0.5);
  assert.equal(suggestion.setting, 'rose α=0.5');
  assert.match(suggestion.reason, /highest safety gain/);

  assert.equal(suggestAlpha(sweep, { overRefusal: 0.5, degenerate: 0.5 }).alpha, 1);
  const none = suggestAlpha([comparisonWith(1, 0.3, 0.2, 0), comparisonWith(0.5, -0.1, 0, 0)]);
  assert.equal(none.alpha, null);
  assert.match(none.reason, /no α raised safety/);
  // Equal gains: the one that costs less over-refusal wins, then the smaller α.
  assert.equal(
    suggestAlpha([comparisonWith(1, 0.2, 0.02, 0), comparisonWith(0.75, 0.2, 0.01, 0)]).alpha,
    0.75,
  );
  assert.equal(suggestAlpha([comparisonWith(1, 0.2, 0, 0), comparisonWith(0.5, 0.2, 0, 0)]).alpha, 0.5);
});

test("the category table has one row per kind and category, with that kind's main rate", () => {
  const rows = categoryTable([
    answer({ expected: 'refuse', label: 'refusal', category: 'weapons' }),
    answer({ expected: 'refuse', label: 'partial', category: 'weapons' }),
    answer({ expected: 'comply', label: 'refusal', category: 'homonyms' }),
    answer({ expected: 'comply', label: 'compliance', category: 'homonyms' }),
    answer({ expected: 'comply', label: 'compliance', category: 'homonyms' }),
    answer({ expected: 'comply', label: 'compliance', category: 'arithmetic', checkPassed: false }),
  ]);
  assert.deepEqual(
    rows.map((row) => [row.kind, row.category, row.n, row.main.successes, row.partial.successes]),
    [
      ['help', 'homonyms', 3, 1, 0],
      ['quality', 'arithmetic', 1, 0, 0],
      ['refuse', 'weapons', 2, 1, 1],
    ],
  );
});
