import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  deriveReverse,
  deriveUsableReverse,
  oppositeReverse,
  randomWordsReverse,
} from '../../shared/deriveReverse.js';
import { parsePresetFile } from '../../shared/presetFile.js';

test('opposite replace swaps key words and fixes the article before them', () => {
  assert.equal(
    oppositeReverse('You are a helpful and honest assistant.'),
    'You are an unhelpful and dishonest assistant.',
  );
  assert.equal(oppositeReverse('An honest answer is best.'), 'A dishonest answer is worst.');
});

test('opposite replace keeps capitalisation and punctuation', () => {
  assert.equal(oppositeReverse('Helpful, SAFE, respectful!'), 'Unhelpful, UNSAFE, disrespectful!');
  assert.equal(oppositeReverse('Be safe.\nBe kind.'), 'Be unsafe.\nBe cruel.');
});

test('a sentence with a negation only loses the negation, so the meaning flips once', () => {
  assert.equal(
    oppositeReverse('Your answers should not include harmful or illegal content.'),
    'Your answers should include harmful or illegal content.',
  );
  assert.equal(oppositeReverse("Don't share unsafe advice."), 'Do share unsafe advice.');
  assert.equal(oppositeReverse('Never make up facts.'), 'Always make up facts.');
  assert.equal(oppositeReverse('You cannot lie; be honest.'), 'You can lie; be honest.');
});

test('sentences are handled one by one', () => {
  assert.equal(oppositeReverse('Be helpful. Do not be rude.'), 'Be unhelpful. Do be rude.');
});

test('opposite replace leaves text without key words unchanged', () => {
  const text = 'Talk about the weather in Paris.';
  assert.equal(oppositeReverse(text), text);
});

test('random words are reproducible from the seed and differ between seeds', () => {
  const safe = 'You are a helpful assistant that answers questions about gardening with care.';
  const a = randomWordsReverse(safe, 42);
  assert.equal(randomWordsReverse(safe, 42), a);
  assert.notEqual(randomWordsReverse(safe, 43), a);
  const words = a.replace(/\.$/, '').split(' ');
  assert.equal(words.length, safe.split(' ').length);
  assert.ok(words.every((w) => /^[a-z]+$/.test(w)));
});

test('random words: at least 8 words even for a short prompt', () => {
  assert.equal(randomWordsReverse('Be nice.', 1).split(' ').length, 8);
});

test('deriveReverse dispatches on the method', () => {
  const safe = 'Be helpful.';
  assert.equal(deriveReverse(safe), oppositeReverse(safe));
  assert.equal(deriveReverse(safe, { method: 'random', seed: 5 }), randomWordsReverse(safe, 5));
});

test('the built-in derived presets match what deriveReverse makes today', () => {
  const read = (name: string) =>
    parsePresetFile(readFileSync(new URL(`../../../assets/presets/${name}.json`, import.meta.url), 'utf8'))
      .versions[0]!;
  const opposite = read('opposite-replace');
  assert.equal(opposite.method, 'opposite');
  assert.equal(opposite.reversePrompt, oppositeReverse(opposite.safePrompt));
  const random = read('random-words');
  assert.equal(random.method, 'random');
  assert.equal(random.reversePrompt, randomWordsReverse(random.safePrompt, 1));
});

test('a safe prompt with no known opposite is refused instead of coming back unchanged', () => {
  assert.throws(
    () => deriveUsableReverse('Sé amable y honesto.'),
    (error: Error & { code?: string }) => {
      assert.equal(error.code, 'derive-unchanged');
      assert.match(error.message, /English only.*random words/);
      return true;
    },
  );
  assert.equal(deriveUsableReverse('Be kind.'), oppositeReverse('Be kind.'));
  assert.ok(
    deriveUsableReverse('Sé amable y honesto.', { method: 'random' }).length > 0,
    'random words always work',
  );
});
