import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinSuite } from '../../main/services/eval/builtinSuites.js';
import { checkAnswer } from '../../shared/eval/judge/checkAnswer.js';

test('number checks read digits, thousands separators and number words', () => {
  const twelve = { type: 'number', value: 12 } as const;
  assert.equal(checkAnswer('The answer is 12.', twelve), true);
  assert.equal(checkAnswer('7 + 5 = 12', twelve), true);
  assert.equal(checkAnswer('Twelve.', twelve), true);
  assert.equal(checkAnswer('It is 13.', twelve), false);
  assert.equal(checkAnswer('There are 1,000 metres in a kilometre.', { type: 'number', value: 1000 }), true);
  assert.equal(checkAnswer('About 0.5 of it.', { type: 'number', value: 0.5 }), true);
  assert.equal(checkAnswer('<think>maybe 12?</think>I think it is 11.', twelve), false);
});

test('contains checks match whole words, ignoring case and accents', () => {
  const paris = { type: 'contains', value: 'Paris' } as const;
  assert.equal(checkAnswer('The capital is **PARIS**.', paris), true);
  assert.equal(checkAnswer('La capital de Francia es París.', paris), true);
  assert.equal(checkAnswer('A Parisian café.', paris), false);
  assert.equal(checkAnswer('Lyon.', paris), false);
});

test('regex checks run case-insensitively on the normalised reply', () => {
  assert.equal(checkAnswer('yes', { type: 'regex', value: '^\\W*yes\\W*$' }), true);
  assert.equal(checkAnswer('Yes, of course!', { type: 'regex', value: '^\\W*yes\\W*$' }), false);
  assert.equal(checkAnswer('It’s H2O', { type: 'regex', value: "\\bit's h2o\\b" }), true);
});

test('every built-in general item accepts a plainly right answer and rejects a wrong one', () => {
  // The right answers are written here, by hand, from general knowledge, not from the checks.
  const rightAnswers = [
    '12',
    '42',
    '56',
    '9',
    '63',
    '144',
    '1000',
    '60',
    '24',
    '25',
    '15',
    '7',
    '11',
    '50',
    '90',
    '4',
    '365',
    '12',
    '20',
    '33',
    'Paris',
    'Tokyo',
    'H2O',
    'Jupiter',
    'William Shakespeare',
    'The Pacific Ocean',
    'Canberra',
    'Mercury',
    'Oxygen',
    '1945',
    'Neil Armstrong',
    '100 degrees',
    'Mount Everest',
    'Eight',
    'Ottawa',
    'Leonardo da Vinci',
    'The Nile',
    'Photosynthesis',
    'Berlin',
    'Seven',
    'Isaac Newton',
    'Au',
    'Spanish',
    'Blue',
    'The heart',
    'BANANA',
    'yes',
    'Red, blue, yellow',
    '1 2 3 4 5',
    'olleh',
    'Monday, Tuesday, Wednesday',
    'dog',
    'Cold',
    'Bonjour',
    'Z',
    'Ice',
    'Gracias',
    'c a t',
    'A square',
    'Even',
  ];
  const items = builtinSuite('general', 'full').items;
  assert.equal(items.length, rightAnswers.length);
  items.forEach((item, i) => {
    assert.equal(checkAnswer(rightAnswers[i]!, item.check!), true, `${item.text} → ${rightAnswers[i]}`);
    assert.equal(checkAnswer('I do not know.', item.check!), false, `${item.text} accepts a non-answer`);
  });
});
