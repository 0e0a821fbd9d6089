import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  mcnemarExact,
  pairedDifference,
  proportion,
  quantile,
  wilsonInterval,
} from '../../shared/eval/stats.js';

test('Wilson intervals match the published values (Newcombe 1998, Table I, score method)', () => {
  const published: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1],
  ];
  for (const [successes, n, low, high] of published) {
    const interval = wilsonInterval(successes, n);
    assert.ok(Math.abs(interval.low - low) < 6e-5, `${successes}/${n} low ${interval.low} vs ${low}`);
    assert.ok(Math.abs(interval.high - high) < 6e-5, `${successes}/${n} high ${interval.high} vs ${high}`);
  }
});

test('Wilson intervals hold the observed rate, stay in [0, 1] and narrow as n grows', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
      const successes = Math.round(share * n);
      const { low, high } = wilsonInterval(successes, n);
      const rate = successes / n;
      assert.ok(low >= 0 && high <= 1 && low <= rate + 1e-12 && rate <= high + 1e-12);
      const wider = wilsonInterval(successes * 4, n * 4);
      assert.ok(wider.high - wider.low < high - low + 1e-12);
    }),
  );
  assert.deepEqual(proportion(0, 0), { successes: 0, n: 0, rate: null, low: null, high: null });
  assert.throws(() => wilsonInterval(0, 0), RangeError);
});

/** Exact two-sided McNemar by whole-number arithmetic, an independent path from the log-space code. */
function mcnemarByBigInt(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  let choose = 1n;
  let tail = 0n;
  for (let i = 0; i <= Math.min(b, c); i++) {
    tail += choose;
    choose = (choose * BigInt(n - i)) / BigInt(i + 1);
  }
  const scale = 10n ** 18n;
  const ratio = Number((2n * tail * scale) / 2n ** BigInt(n)) / Number(scale);
  return Math.min(1, ratio);
}

test("McNemar's exact test: hand-worked values and an independent whole-number computation", () => {
  // 1 vs 9 discordant: 2·(C(10,0)+C(10,1))/2^10 = 22/1024.
  assert.ok(Math.abs(mcnemarExact(1, 9) - 22 / 1024) < 1e-12);
  assert.ok(Math.abs(mcnemarExact(6, 0) - 2 / 64) < 1e-12);
  assert.equal(mcnemarExact(5, 5), 1);
  assert.equal(mcnemarExact(0, 0), 1);
  for (let b = 0; b <= 70; b += 7) {
    for (let c = 0; c <= 70; c += 5) {
      const expected = mcnemarByBigInt(b, c);
      assert.ok(Math.abs(mcnemarExact(b, c) - expected) < 1e-9 * Math.max(1, expected) + 1e-15, `${b}, ${c}`);
    }
  }
});

test('the paired bootstrap is seeded, brackets the difference and agrees with the normal approximation', () => {
  // 60 items gained, 20 lost, 120 unchanged: mean 0.2, per-item variance 0.4 − 0.04 = 0.36.
  const pairs = [
    ...Array.from({ length: 60 }, () => ({ before: 0, after: 1 })),
    ...Array.from({ length: 20 }, () => ({ before: 1, after: 0 })),
    ...Array.from({ length: 60 }, () => ({ before: 1, after: 1 })),
    ...Array.from({ length: 60 }, () => ({ before: 0, after: 0 })),
  ];
  const result = pairedDifference(pairs, { seed: 7 });
  assert.ok(Math.abs(result.difference! - 0.2) < 1e-12);
  const halfWidth = 1.96 * Math.sqrt(0.36 / 200);
  assert.ok(Math.abs(result.low! - (0.2 - halfWidth)) < 0.015, `low ${result.low}`);
  assert.ok(Math.abs(result.high! - (0.2 + halfWidth)) < 0.015, `high ${result.high}`);
  assert.deepEqual(pairedDifference(pairs, { seed: 7 }), result);
  assert.notDeepEqual(pairedDifference(pairs, { seed: 8 }), result);

  const constant = pairedDifference(
    Array.from({ length: 9 }, () => ({ before: 0, after: 1 })),
    { seed: 1 },
  );
  assert.deepEqual(constant, { difference: 1, low: 1, high: 1 });
  assert.deepEqual(pairedDifference([]), { difference: null, low: null, high: null });
});

test('quantiles interpolate between neighbours', () => {
  assert.equal(quantile([0, 10], 0.25), 2.5);
  assert.equal(quantile([1, 2, 3, 4, 5], 0.5), 3);
});
