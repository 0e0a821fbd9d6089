import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { argmax, contrastScores, plausibleCandidates } from '../../main/engine/rose/contrast.js';
import { decideNextToken, onlyCandidate } from '../../main/engine/rose/decide.js';
import { createPrng } from '../../shared/prng.js';
import { pickToken } from '../../main/engine/rose/sample.js';

const f32 = (values: number[]) => Float32Array.from(values);
const greedy = { temperature: 0, topK: 0, topP: 1 };

describe('contrastScores', () => {
  test('subtracts alpha times the reverse scores', () => {
    assert.deepEqual([...contrastScores(f32([1, 2, 3]), f32([4, 0, 2]), 0.5)], [-1, 2, 2]);
  });
  test('alpha 0 leaves the safe scores unchanged', () => {
    const safe = f32([0.25, -3, 7.5]);
    assert.deepEqual([...contrastScores(safe, f32([9, 9, -9]), 0)], [...safe]);
  });
  test('rejects vectors of different lengths', () => {
    assert.throws(() => contrastScores(f32([1]), f32([1, 2]), 0.5), /differ in length/);
  });
  test('a shift of either input by a constant does not change the pick', () => {
    const safe = f32([1.5, 2.25, 0.5, 2]);
    const reverse = f32([0.5, 3, -1, 0]);
    const shiftedSafe = safe.map((v) => v - 10);
    const shiftedReverse = reverse.map((v) => v + 4);
    for (const alpha of [0, 0.5, 1, 3]) {
      assert.equal(
        argmax(contrastScores(safe, reverse, alpha)),
        argmax(contrastScores(shiftedSafe, shiftedReverse, alpha)),
      );
    }
  });
});

describe('argmax', () => {
  test('ties go to the lowest index', () => {
    assert.equal(argmax(f32([1, 3, 3, 2])), 1);
  });
  test('respects a mask', () => {
    assert.equal(argmax(f32([5, 3, 4]), Uint8Array.from([0, 1, 1])), 2);
  });
  test('handles all -Infinity', () => {
    assert.equal(argmax(f32([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY])), 0);
  });
});

describe('decideNextToken (greedy)', () => {
  const safe = f32([2, 1.8, 0, -1]);
  const reverse = f32([3, 0, 0, 0]);
  test('alpha 0 picks the safe argmax and is never steered', () => {
    const decision = decideNextToken(safe, reverse, { alpha: 0, beta: 0, sampling: greedy }, createPrng(1));
    assert.deepEqual(decision, { token: 0, safeOnlyToken: 0, steered: false });
  });
  test('alpha 0.5 moves away from what the reverse run favours', () => {
    const decision = decideNextToken(safe, reverse, { alpha: 0.5, beta: 0, sampling: greedy }, createPrng(1));
    assert.deepEqual(decision, { token: 1, safeOnlyToken: 0, steered: true });
  });
  test('a large alpha can promote an implausible token; beta keeps it out', () => {
    const s = f32([2, 1.9, -8]);
    const r = f32([2, 1.9, -30]);
    assert.equal(decideNextToken(s, r, { alpha: 5, beta: 0, sampling: greedy }, createPrng(1)).token, 2);
    // Only tokens 0 and 1 are plausible; between them the contrast still decides (-8 vs -7.6).
    assert.equal(decideNextToken(s, r, { alpha: 5, beta: 0.1, sampling: greedy }, createPrng(1)).token, 1);
  });
  test('ROSE off is plain decoding of the safe run', () => {
    assert.deepEqual(decideNextToken(safe, null, { alpha: 0.5, beta: 0, sampling: greedy }, createPrng(1)), {
      token: 0,
      safeOnlyToken: 0,
      steered: false,
    });
  });
});

describe('plausibility mask', () => {
  test('beta 0 is no mask', () => {
    assert.equal(plausibleCandidates(f32([1, 2]), 0), null);
  });
  test('keeps tokens within ln(beta) of the best safe score', () => {
    const safe = f32([0, Math.log(0.5), Math.log(0.05), Math.log(0.2)]);
    assert.deepEqual([...plausibleCandidates(safe, 0.3)!], [1, 1, 0, 0]);
    assert.deepEqual([...plausibleCandidates(safe, 0.1)!], [1, 1, 0, 1]);
  });
  test('rejects beta above 1', () => {
    assert.throws(() => plausibleCandidates(f32([1]), 1.5), /beta/);
  });
  test('onlyCandidate finds a lone survivor and nothing otherwise', () => {
    assert.equal(onlyCandidate(f32([0, 5, 0]), 0.5), 1);
    assert.equal(onlyCandidate(f32([5, 5, 0]), 0.5), null);
    assert.equal(onlyCandidate(f32([0, 5, 0]), 0), null);
  });
});

describe('sampling', () => {
  const scores = f32([1, 0.5, 0.2, -1, -2]);
  const sampling = { temperature: 0.8, topK: 0, topP: 1 };
  const draw = (seed: number, count: number) => {
    const prng = createPrng(seed);
    return Array.from({ length: count }, () => pickToken(scores, sampling, prng()));
  };
  test('the same seed gives the same picks', () => {
    assert.deepEqual(draw(42, 50), draw(42, 50));
  });
  test('different seeds give different picks', () => {
    assert.notDeepEqual(draw(1, 50), draw(2, 50));
  });
  test('top-k 1 is greedy whatever the draw', () => {
    for (const u of [0, 0.3, 0.999]) assert.equal(pickToken(scores, { ...sampling, topK: 1 }, u), 0);
  });
  test('top-k limits the candidates', () => {
    const picks = new Set(draw(7, 400).map((_, i) => pickToken(scores, { ...sampling, topK: 2 }, i / 400)));
    assert.deepEqual([...picks].sort(), [0, 1]);
  });
  test('top-p keeps the smallest set reaching p', () => {
    // softmax([10, 9.9, 0]) puts ~all mass on the first two tokens, ~52% on the first.
    const s = f32([10, 9.9, 0]);
    const picks = new Set(
      Array.from({ length: 200 }, (_, i) => pickToken(s, { temperature: 1, topK: 0, topP: 0.5 }, i / 200)),
    );
    assert.deepEqual([...picks], [0]);
    const wider = new Set(
      Array.from({ length: 200 }, (_, i) => pickToken(s, { temperature: 1, topK: 0, topP: 0.9 }, i / 200)),
    );
    assert.deepEqual([...wider].sort(), [0, 1]);
  });
  test('frequencies follow softmax(scores / T)', () => {
    const prng = createPrng(3);
    const counts = [0, 0, 0, 0, 0];
    const n = 20000;
    for (let i = 0; i < n; i++) counts[pickToken(scores, sampling, prng())]! += 1;
    const exps = [...scores].map((s) => Math.exp(s / sampling.temperature));
    const total = exps.reduce((a, b) => a + b, 0);
    for (const [i, e] of exps.entries()) assert.ok(Math.abs(counts[i]! / n - e / total) < 0.02, `token ${i}`);
  });
  test('ROSE and the safe-only pick share one draw per step', () => {
    const safe = f32([1, 1, 1]);
    const decision = decideNextToken(safe, f32([0, 0, 0]), { alpha: 0.5, beta: 0, sampling }, createPrng(9));
    // Equal reverse scores shift every token equally: the same draw must give the same token.
    assert.equal(decision.steered, false);
    assert.equal(decision.token, decision.safeOnlyToken);
  });
});
