import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextStream } from '../../main/engine/textStream.js';

// Tokens are single bytes here, decoded the way a detokenizer does: invalid UTF-8 becomes U+FFFD.
const bytesOf = (text: string) => [...Buffer.from(text, 'utf8')];
const decode = (tokens: readonly number[]) => Buffer.from(tokens).toString('utf8');

test('multi-byte characters are never split across deltas', () => {
  const text = 'Rose 🌹 玫瑰 ✓ 😀!';
  const stream = new TextStream(decode, []);
  const deltas = bytesOf(text).map((b) => stream.push(b));
  deltas.push(stream.finish());
  assert.equal(deltas.join(''), text);
  assert.ok(deltas.every((d) => !d.includes('\uFFFD')));
  assert.ok(deltas.filter((d) => d !== '').length > 5, 'text arrives in many pieces');
});

test('a stop text is held back, then cut; text after it is dropped', () => {
  const stream = new TextStream(decode, ['<|end']);
  const shown =
    bytesOf('Hello <|end|> more')
      .map((b) => stream.push(b))
      .join('') + stream.finish();
  assert.equal(shown, 'Hello ');
  assert.equal(stream.stopped, true);
});

test('a false start of a stop text is released', () => {
  const stream = new TextStream(decode, ['<|end']);
  const shown = bytesOf('a <|x')
    .map((b) => stream.push(b))
    .join('');
  assert.equal(shown, 'a <|x');
  assert.equal(stream.stopped, false);
});

test('an incomplete character at the very end is dropped, not shown as U+FFFD', () => {
  const stream = new TextStream(decode, []);
  const shown = [...bytesOf('ok'), 0xf0, 0x9f].map((b) => stream.push(b)).join('') + stream.finish();
  assert.equal(shown, 'ok');
});
