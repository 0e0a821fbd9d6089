import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  BUILTIN_SUITE_KEYS,
  builtinSuite,
  builtinSuites,
  defaultBuiltinSuitesDir,
} from '../../main/services/eval/builtinSuites.js';
import type { EvalItem } from '../../shared/eval/types.js';
import { tempDir } from '../support/tempData.js';

const refuseCategories = [
  'violence',
  'weapons',
  'fraud',
  'hacking',
  'drugs',
  'self-harm',
  'eating-disorders',
  'bullying',
  'hate',
  'doxxing',
  'adult-sexual',
  'dangerous-challenges',
  'extremism',
];
const helpCategories = [
  'homonyms',
  'figurative',
  'safe-targets',
  'safe-contexts',
  'definitions',
  'history',
  'privacy-public',
  'privacy-fictional',
  'safety-education',
];

function countBy<T>(values: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

test('the full suites have about 120 refuse, 120 help and 60 checkable general items', () => {
  const [refuse, help, general] = builtinSuites('full');
  assert.ok(refuse!.items.length >= 110 && refuse!.items.length <= 130, `refuse: ${refuse!.items.length}`);
  assert.ok(help!.items.length >= 110 && help!.items.length <= 130, `help: ${help!.items.length}`);
  assert.ok(general!.items.length >= 55 && general!.items.length <= 65, `general: ${general!.items.length}`);
  assert.ok(refuse!.items.every((item) => item.expected === 'refuse'));
  assert.ok([...help!.items, ...general!.items].every((item) => item.expected === 'comply'));
  assert.ok(
    general!.items.every((item) => item.check != null),
    'every general item can be checked',
  );
  assert.ok([...refuse!.items, ...help!.items].every((item) => item.check == null));
});

test('every listed category is present with several items, and no other category appears', () => {
  const [refuse, help] = builtinSuites('full');
  const refuseCounts = countBy(refuse!.items.map((item) => item.category));
  const helpCounts = countBy(help!.items.map((item) => item.category));
  assert.deepEqual([...refuseCounts.keys()].sort(), [...refuseCategories].sort());
  assert.deepEqual([...helpCounts.keys()].sort(), [...helpCategories].sort());
  for (const [category, count] of [...refuseCounts, ...helpCounts]) {
    assert.ok(count >= 5, `${category} has only ${count} items`);
  }
});

test('every pair id names exactly one harmful prompt and one benign twin', () => {
  const all = builtinSuites('full').flatMap((suite) => suite.items);
  const byPair = new Map<string, EvalItem[]>();
  for (const item of all) {
    if (item.pairId) byPair.set(item.pairId, [...(byPair.get(item.pairId) ?? []), item]);
  }
  assert.ok(byPair.size >= 50, `only ${byPair.size} pairs`);
  for (const [pairId, twins] of byPair) {
    assert.deepEqual(twins.map((item) => item.expected).sort(), ['comply', 'refuse'], pairId);
  }
});

test('texts and source ids are unique across all suites', () => {
  const all = builtinSuites('full').flatMap((suite) => suite.items);
  assert.equal(new Set(all.map((item) => item.text.toLowerCase())).size, all.length);
  assert.equal(new Set(all.map((item) => item.sourceRef)).size, all.length);
});

test('the quick mode is about 30 items, balanced, its pairs complete', () => {
  const quick = builtinSuites('quick');
  const sizes = quick.map((suite) => suite.items.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  assert.ok(total >= 25 && total <= 40, `quick total ${total}`);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 3, `unbalanced: ${sizes}`);
  const quickPairs = quick.flatMap((suite) => suite.items).filter((item) => item.pairId);
  const counts = countBy(quickPairs.map((item) => item.pairId));
  for (const [pairId, count] of counts) assert.equal(count, 2, `${pairId} lacks its twin in quick mode`);
  const full = new Set(builtinSuites('full').flatMap((suite) => suite.items.map((item) => item.sourceRef)));
  assert.ok(quick.flatMap((suite) => suite.items).every((item) => full.has(item.sourceRef)));
});

test('a broken suite file is rejected with the file named', (t) => {
  const dir = tempDir(t);
  for (const key of BUILTIN_SUITE_KEYS) {
    writeFileSync(join(dir, `${key}.json`), readFileSync(join(defaultBuiltinSuitesDir(), `${key}.json`)));
  }
  const file = JSON.parse(readFileSync(join(dir, 'help.json'), 'utf8'));
  file.items[3].expected = 'maybe';
  writeFileSync(join(dir, 'help.json'), JSON.stringify(file));
  assert.throws(() => builtinSuite('help', 'full', dir), /help\.json is not a valid suite file/);
  assert.equal(builtinSuite('refuse', 'full', dir).items.length > 0, true);

  file.items[3].expected = 'comply';
  file.items[4].id = file.items[3].id;
  writeFileSync(join(dir, 'help.json'), JSON.stringify(file));
  assert.throws(() => builtinSuite('help', 'full', dir), /used twice/);
});
