import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  childPolicyValues,
  defaultPolicyValues,
  policyKeys,
  settingOf,
} from '../../shared/policy/declaration.js';
import { familyLayer, mergePolicy, type PolicyLayer } from '../../shared/policy/merge.js';
import { presetAllowed } from '../../shared/policy/presetAllowlist.js';

const layer = (
  kind: PolicyLayer['kind'],
  values: Record<string, unknown>,
  origin: string = kind,
): PolicyLayer => ({
  kind,
  origin,
  values,
});

/** x is at least as tight as y when meeting it with y changes nothing (the lattice order). */
function atLeastAsTight(key: (typeof policyKeys)[number], x: unknown, y: unknown): boolean {
  return JSON.stringify(settingOf(key).meet(x, y)) === JSON.stringify(x);
}

test('for every declared setting, a looser value from a lower layer never wins over a higher one', () => {
  const lowerKinds = ['family', 'user', 'recommended'] as const;
  for (const key of policyKeys) {
    const { examples } = settingOf(key);
    assert.ok(examples.length >= 2, `${key} declares at least two examples`);
    for (const high of examples)
      for (const low of examples)
        for (const lowKind of lowerKinds) {
          const merged = mergePolicy([layer('managed', { [key]: high }), layer(lowKind, { [key]: low })]);
          const value = merged.settings[key].value;
          assert.ok(
            atLeastAsTight(key, value, high),
            `${key}: managed ${JSON.stringify(high)}, ${lowKind} ${JSON.stringify(low)} gave ${JSON.stringify(value)}`,
          );
          assert.equal(merged.settings[key].locked, true, `${key} is locked when managed sets it`);
          assert.deepEqual(merged.problems, []);
        }
  }
});

test('for every declared setting, the family layer can only tighten what a managed layer left', () => {
  for (const key of policyKeys)
    for (const high of settingOf(key).examples)
      for (const low of settingOf(key).examples) {
        const merged = mergePolicy([layer('family', { [key]: low }), layer('managed', { [key]: high })]);
        const value = merged.settings[key].value;
        assert.ok(atLeastAsTight(key, value, high), `${key}: managed ${JSON.stringify(high)} loosened`);
        assert.ok(atLeastAsTight(key, value, low), `${key}: family ${JSON.stringify(low)} lost`);
      }
});

test('for every declared setting, a wrong value counts as the most restrictive one, never the default', () => {
  for (const key of policyKeys) {
    const setting = settingOf(key);
    for (const wrong of [{ not: 'valid' }, 'x'.repeat(300), -1e9, Number.NaN]) {
      if (setting.schema.safeParse(wrong).success) continue;
      const merged = mergePolicy([
        layer('managed', { [key]: wrong }),
        layer('user', { [key]: setting.default }),
      ]);
      assert.deepEqual(merged.settings[key].value, setting.mostRestrictive, `${key} with ${String(wrong)}`);
      assert.ok(merged.problems.some((p) => p.key === key && p.origin === 'managed'));
    }
    // The most restrictive value is the bottom of the order: tighter than every example (labels
    // such as the organisation name restrict nothing, so they have no order).
    if (setting.kind === 'text') continue;
    for (const example of setting.examples)
      assert.ok(
        atLeastAsTight(key, setting.mostRestrictive, example),
        `${key}: mostRestrictive vs ${JSON.stringify(example)}`,
      );
  }
});

test('no layer: every setting has its default, unlocked; the user alone may choose', () => {
  const merged = mergePolicy([]);
  assert.deepEqual(merged.values, defaultPolicyValues());
  for (const key of policyKeys) {
    assert.equal(merged.settings[key].source, 'default');
    assert.equal(merged.settings[key].locked, false);
  }
  const tighter = settingOf('alphaMin').examples.at(-1);
  const chosen = mergePolicy([layer('user', { alphaMin: tighter })]);
  assert.equal(chosen.values.alphaMin, tighter);
  assert.equal(chosen.settings.alphaMin.source, 'user');
});

test('sources and labels name who set the value', () => {
  const merged = mergePolicy([
    layer(
      'managed',
      { orgName: 'Example School', alphaMin: 0.3, compareAllowed: false },
      '/etc/rose/policies/managed/a.json',
    ),
    layer('family', { alphaMin: 0.6, exportAllowed: false }),
    layer('user', { alphaMin: 0.4 }),
  ]);
  assert.equal(merged.values.alphaMin, 0.6);
  assert.equal(merged.settings.alphaMin.setBy, 'Set by a parent');
  assert.equal(merged.settings.compareAllowed.setBy, 'Managed by Example School');
  assert.equal(merged.settings.compareAllowed.origin, '/etc/rose/policies/managed/a.json');
  assert.equal(merged.settings.exportAllowed.setBy, 'Set by a parent');
  assert.equal(merged.settings.chatDeletionAllowed.setBy, 'Default');
});

test('unknown keys are reported and ignored', () => {
  const merged = mergePolicy([layer('managed', { roseRequird: true })]);
  assert.equal(merged.values.roseRequired, false);
  assert.equal(merged.problems[0]?.key, 'roseRequird');
});

test('preset allowlists intersect exactly', () => {
  const merged = mergePolicy([
    layer('managed', { allowedPresets: ['builtins', '7', '9@1'] }),
    layer('family', { allowedPresets: ['builtin:manual-reverse', '7@2', '9'] }),
  ]);
  assert.deepEqual(merged.values.allowedPresets, ['7@2', '9@1', 'builtin:manual-reverse']);
  const list = merged.values.allowedPresets;
  assert.equal(presetAllowed(list, { presetId: 1, version: 3, builtinKey: 'manual-reverse' }), true);
  assert.equal(presetAllowed(list, { presetId: 2, version: 1, builtinKey: 'random-words' }), false);
  assert.equal(presetAllowed(list, { presetId: 7, version: 2, builtinKey: null }), true);
  assert.equal(presetAllowed(list, { presetId: 7, version: 3, builtinKey: null }), false);
});

test('child mode imposes the declared child values; an altered record trusts none of its values', () => {
  const child = childPolicyValues();
  assert.ok(Object.keys(child).length > 0);
  const on = mergePolicy([familyLayer({ childMode: true, tampered: false, values: { alphaMin: 0.8 } })]);
  for (const [key, value] of Object.entries(child))
    if (key !== 'alphaMin') assert.deepEqual(on.values[key as keyof typeof on.values], value, key);
  assert.equal(on.values.alphaMin, 0.8);
  const off = mergePolicy([familyLayer({ childMode: false, tampered: false, values: { alphaMin: 0.8 } })]);
  assert.equal(off.values.compareAllowed, true);
  const tampered = mergePolicy([
    familyLayer({ childMode: false, tampered: true, values: { alphaMin: 0.1 } }),
  ]);
  for (const [key, value] of Object.entries(child))
    assert.deepEqual(tampered.values[key as keyof typeof tampered.values], value, key);
});

test('quiet hours: spans over midnight split, unions merge, the end minute is free', async () => {
  const { isQuietTime, unionQuietHours } = await import('../../shared/policy/quietHours.js');
  const union = unionQuietHours([{ start: '21:00', end: '07:00' }], [{ start: '06:30', end: '08:00' }]);
  assert.deepEqual(union, [
    { start: '00:00', end: '08:00' },
    { start: '21:00', end: '24:00' },
  ]);
  const at = (h: number, m: number) => new Date(2026, 0, 1, h, m);
  assert.equal(isQuietTime(union, at(7, 59)), true);
  assert.equal(isQuietTime(union, at(8, 0)), false);
  assert.equal(isQuietTime(union, at(20, 59)), false);
  assert.equal(isQuietTime(union, at(23, 59)), true);
});
