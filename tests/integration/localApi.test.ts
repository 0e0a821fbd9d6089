// The desktop app's local API: switched on and off from Settings, keys made and revoked over the
// contract, the official openai client against it, and a policy that forbids it.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import OpenAI from 'openai';
import { createRose } from '../../main/app/createRose.js';
import type { Result } from '../../shared/contract/index.js';
import { policyFixture, policyDirForTest } from '../support/policyFixture.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

function value<T>(result: Result<T>): T {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

test('Settings turn the local API on and off; keys are made once and revoked', {
  timeout: 120_000,
}, async (t) => {
  const dataDir = tempDir(t);
  const rose = await createRose({
    dataDir,
    threads: 1,
    modelPath: await getTinyModel(),
    log: () => {},
    localApi: true,
  });
  t.after(() => rose.dispose());
  const h = rose.handlers;

  const off = value(await h['app:api.status']({}));
  assert.equal(off.enabled, false, 'off by default');
  assert.equal(off.running, false);

  const { key, status } = value(await h['app:api.createKey']({ name: 'editor' }));
  assert.match(key, /^rose-/);
  assert.deepEqual(
    status.keys.map((k) => [k.name, k.revokedAt]),
    [['editor', null]],
  );
  assert.ok(!JSON.stringify(status).includes(key), 'the secret is never listed');

  value(await h['app:settings.set']({ apiEnabled: true, apiPort: 0 }));
  const on = value(await h['app:api.status']({}));
  assert.equal(on.running, true, on.problem ?? '');
  const client = new OpenAI({ apiKey: key, baseURL: on.url!, maxRetries: 0, timeout: 60_000 });
  const answer = await client.chat.completions.create({
    model: (await client.models.list()).data[0]!.id,
    messages: [{ role: 'user', content: 'hi' }],
    max_tokens: 2,
  });
  assert.equal(answer.choices.length, 1);
  const page = await fetch(on.url!.replace(/\/v1$/, '/'));
  assert.equal(page.status, 404, 'the API port serves no page');

  value(await h['app:api.revokeKey']({ id: status.keys[0]!.id }));
  await assert.rejects(client.models.list(), (error: unknown) => error instanceof OpenAI.AuthenticationError);

  value(await h['app:settings.set']({ apiEnabled: false }));
  assert.equal(value(await h['app:api.status']({})).running, false);
  await assert.rejects(fetch(`${on.url}/models`), 'the port is closed');
});

test('a policy without the local API refuses to switch it on or make keys', {
  timeout: 120_000,
}, async (t) => {
  const fixture = await policyFixture(t);
  writeFileSync(
    join(fixture.policyDir, 'school.json'),
    JSON.stringify({ ...fixture.policy, settingsPageAllowed: true, apiAllowed: false }),
  );
  policyDirForTest(t, fixture.policyDir);
  const rose = await createRose({ dataDir: fixture.dataDir, threads: 1, log: () => {}, localApi: true });
  t.after(() => rose.dispose());
  const switched = await rose.handlers['app:settings.set']({ apiEnabled: true, apiPort: 0 });
  assert.ok(!switched.ok && switched.error.code === 'policy-denied', JSON.stringify(switched));
  assert.match(switched.error.message, /Test School/);
  const key = await rose.handlers['app:api.createKey']({ name: 'x' });
  assert.ok(!key.ok && key.error.code === 'policy-denied');
  assert.equal(value(await rose.handlers['app:api.status']({})).running, false);
});
