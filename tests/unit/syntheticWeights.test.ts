import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildVocabulary, TokenType, WORD_START } from '../../main/models/synthetic/vocabulary.js';
import { float32ToFloat16, GaussianStream, Xoshiro128 } from '../../main/models/synthetic/weights.js';

function toHalf(values: number[]): number[] {
  const out = new Uint16Array(values.length);
  float32ToFloat16(Float32Array.from(values), out);
  return [...out];
}

/** An independent half → number decoder, straight from the IEEE 754 definition. */
function fromHalf(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

test('float16 conversion matches IEEE 754 half precision at the edges', () => {
  assert.deepEqual(
    toHalf([1, -2, 0, -0, 65504, 2 ** -14, 2 ** -24]),
    [0x3c00, 0xc000, 0x0000, 0x8000, 0x7bff, 0x0400, 0x0001],
  );
  // Overflow and the halfway case above the largest half both become infinity.
  assert.deepEqual(toHalf([1e6, 65520, -Infinity]), [0x7c00, 0x7c00, 0xfc00]);
  // Ties go to even: half of the smallest subnormal rounds to zero, three quarters rounds up.
  assert.deepEqual(toHalf([2 ** -25, 3 * 2 ** -26, 2 ** -30]), [0x0000, 0x0001, 0x0000]);
  const [nan] = toHalf([Number.NaN]);
  assert.ok(Number.isNaN(fromHalf(nan!)));
});

test('float16 conversion rounds every value to the nearest half', () => {
  const random = new Xoshiro128(3, 'halves');
  for (let index = 0; index < 20_000; index++) {
    const value = Math.fround(
      ((random.nextUint32() / 2 ** 32) * 2 - 1) * 2 ** ((random.nextUint32() % 40) - 24),
    );
    const [bits] = toHalf([value]);
    const decoded = fromHalf(bits!);
    const sign = bits! & 0x8000;
    const magnitude = bits! & 0x7fff;
    // No neighbouring half (one step smaller or larger in magnitude) is strictly closer.
    for (const neighbour of [magnitude - 1, magnitude + 1].filter((bits) => bits >= 0 && bits < 0x7c00)) {
      assert.ok(Math.abs(decoded - value) <= Math.abs(fromHalf(sign | neighbour) - value), `${value}`);
    }
  }
});

test('a Gaussian stream gives the same numbers however the tensor is chunked', () => {
  const whole = new Float32Array(1001);
  new GaussianStream(9, 'blk.0.attn_q.weight').fill(whole, 0.5);
  const pieces = new Float32Array(1001);
  const stream = new GaussianStream(9, 'blk.0.attn_q.weight');
  let start = 0;
  for (const size of [1, 2, 3, 500, 495]) {
    stream.fill(pieces.subarray(start, start + size), 0.5);
    start += size;
  }
  assert.deepEqual(pieces, whole);
});

test('Gaussian streams have the requested spread and differ by seed and by name', () => {
  const values = new Float32Array(200_000);
  new GaussianStream(1, 'token_embd.weight').fill(values, 2);
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const std = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
  assert.ok(Math.abs(mean) < 0.05, `mean ${mean}`);
  assert.ok(Math.abs(std - 2) < 0.05, `std ${std}`);
  const first = (seed: number, name: string) => {
    const chunk = new Float32Array(4);
    new GaussianStream(seed, name).fill(chunk, 1);
    return [...chunk];
  };
  assert.notDeepEqual(first(1, 'a'), first(2, 'a'));
  assert.notDeepEqual(first(1, 'a'), first(1, 'b'));
  assert.notDeepEqual(first(1, 'a'), first(2 ** 32 + 1, 'a'));
});

test('the vocabulary has the fixed layout and unique tokens, up to 151936 entries', () => {
  const controls = ['<|im_start|>', '<|im_end|>'];
  for (const size of [400, 1000, 32_000, 151_936]) {
    const vocabulary = buildVocabulary(size, controls);
    assert.equal(vocabulary.tokens.length, size);
    assert.equal(new Set(vocabulary.tokens).size, size, 'no duplicate token strings');
    assert.deepEqual(vocabulary.tokens.slice(0, 3), ['<unk>', '<s>', '</s>']);
    assert.equal(vocabulary.tokens[3], '<0x00>');
    assert.equal(vocabulary.tokens[3 + 0x0a], '<0x0A>');
    assert.equal(vocabulary.tokens[3 + 255], '<0xFF>');
    assert.deepEqual(vocabulary.tokens.slice(259, 261), controls);
    assert.equal(vocabulary.types[0], TokenType.unknown);
    assert.ok(vocabulary.types.slice(3, 259).every((type) => type === TokenType.byte));
    assert.ok(vocabulary.types.slice(259, 261).every((type) => type === TokenType.control));
    assert.ok(vocabulary.types.slice(261).every((type) => type === TokenType.normal));
    for (let id = 262; id < size; id++) {
      assert.ok(
        vocabulary.scores[id]! < vocabulary.scores[id - 1]!,
        'normal piece scores fall with the index',
      );
    }
  }
  const tiny = buildVocabulary(1000, controls).tokens;
  for (const piece of [
    WORD_START,
    `${WORD_START}the`,
    `${WORD_START}Hello`,
    '你',
    '好',
    'a',
    `${WORD_START}a`,
    ',',
  ]) {
    assert.ok(tiny.includes(piece), `the tiny vocabulary holds ${piece}`);
  }
});

test('the vocabulary refuses a size too small for its fixed tokens', () => {
  assert.throws(() => buildVocabulary(280, []), RangeError);
});
