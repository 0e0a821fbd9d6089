// Property-based fuzzing of the policy merge (fast-check, bounded): any layers, any JSON values,
// known keys and unknown ones. The merge never throws, every effective value is a valid value of
// its setting, nothing from a lower source loosens the managed/family ceiling, and every value it
// could not use is reported as a problem naming its source.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { policyKeys, settingOf } from '../../shared/policy/declaration.js';
import { mergePolicy, type PolicyLayer } from '../../shared/policy/merge.js';
import { sameValue } from '../../shared/policy/rules.js';

const kinds = ['managed', 'family', 'user', 'recommended'] as const;

/** A value for a key: often one of its own kind (booleans, numbers, lists), sometimes anything. */
const anyValue = fc.oneof(
  fc.boolean(),
  fc.double({ noNaN: false }),
  fc.integer({ min: -5, max: 100_000 }),
  fc.array(fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string()), { maxLength: 4 }),
  fc.constantFrom('builtins', 'off', 'metadata', 'content', null),
  fc.jsonValue({ maxDepth: 2 }),
);

const layer: fc.Arbitrary<PolicyLayer> = fc.record({
  kind: fc.constantFrom(...kinds),
  origin: fc.string({ minLength: 1, maxLength: 20 }),
  values: fc.dictionary(fc.oneof(fc.constantFrom(...policyKeys), fc.string({ maxLength: 12 })), anyValue, {
    maxKeys: 8,
  }),
});

test('policy merge: any layers give valid values, tighten-only under the ceiling, problems named', () => {
  let runs = 0;
  fc.assert(
    fc.property(fc.array(layer, { maxLength: 5 }), (layers) => {
      runs += 1;
      const merged = mergePolicy(layers);
      for (const key of policyKeys) {
        const setting = settingOf(key);
        const value = merged.values[key];
        assert.ok(setting.schema.safeParse(value).success || sameValue(value, setting.mostRestrictive), key);
        for (const l of layers.filter(
          (x) => (x.kind === 'managed' || x.kind === 'family') && Object.hasOwn(x.values, key),
        )) {
          const own = setting.schema.safeParse(l.values[key]);
          const ceiling = own.success ? own.data : setting.mostRestrictive;
          // The effective value is at least as tight as every ceiling layer's value.
          assert.ok(sameValue(setting.meet(value, ceiling), value), `${key} looser than ${l.origin}`);
        }
      }
      for (const problem of merged.problems) assert.ok(layers.some((l) => l.origin === problem.origin));
    }),
    { numRuns: 400, seed: 20261202 },
  );
  assert.equal(runs, 400);
});
