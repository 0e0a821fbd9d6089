import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parsePlist } from 'plist';
import { policyTemplates } from '../../main/services/policy/templates/index.js';
import { policyKeys, settingOf } from '../../shared/policy/declaration.js';
import { mergePolicy } from '../../shared/policy/merge.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

test('the committed templates and docs/policy.md are exactly what the declaration generates', () => {
  for (const [format, { file, render }] of Object.entries(policyTemplates))
    assert.equal(
      readFileSync(join(root, file), 'utf8'),
      render(),
      `${file} is stale: run \`npx tsc -p tsconfig.json && node scripts/write-policy-templates.mjs\` (${format})`,
    );
});

test('every declared setting appears in every template', () => {
  const schema = JSON.parse(policyTemplates['json-schema'].render());
  assert.deepEqual(Object.keys(schema.properties), policyKeys);
  const admx = policyTemplates.admx.render();
  const adml = policyTemplates.adml.render();
  const docs = policyTemplates.docs.render();
  for (const key of policyKeys) {
    assert.match(admx, new RegExp(`<policy name="${key}"`), `admx: ${key}`);
    assert.match(adml, new RegExp(`<string id="${key}_Help">`), `adml: ${key}`);
    assert.match(docs, new RegExp(`\\| \`${key}\` \\|`), `docs: ${key}`);
  }
});

test('the JSON Schema accepts every declared example and default', () => {
  const schema = JSON.parse(policyTemplates['json-schema'].render());
  for (const key of policyKeys) {
    const property = schema.properties[key];
    assert.ok(property, key);
    for (const value of [settingOf(key).default, ...settingOf(key).examples])
      assert.equal(settingOf(key).schema.safeParse(value).success, true, `${key}: ${JSON.stringify(value)}`);
  }
});

test('the mobileconfig payload reads back as valid policy with no problems', () => {
  const profile = parsePlist(policyTemplates.mobileconfig.render()) as {
    PayloadContent: Record<string, unknown>[];
  };
  const payload = Object.fromEntries(
    Object.entries(profile.PayloadContent[0]!).filter(([key]) => !key.startsWith('Payload')),
  );
  const merged = mergePolicy([{ kind: 'managed', origin: 'profile', values: payload }]);
  assert.deepEqual(merged.problems, []);
  for (const key of Object.keys(payload))
    assert.equal(merged.settings[key as (typeof policyKeys)[number]].source, 'managed');
});
