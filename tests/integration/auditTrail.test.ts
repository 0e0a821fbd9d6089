import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRose } from '../../main/app/createRose.js';
import { presetFileText } from '../support/policyFixture.js';
import { tempDir } from '../support/tempData.js';

test('the app logs preset changes and exports to a chain that verifies, without any text', async (t) => {
  const rose = await createRose({
    dataDir: tempDir(t),
    threads: 1,
    log: () => {},
    familyMarkerRoot: tempDir(t),
  });
  t.after(() => rose.dispose());
  const h = rose.handlers;
  const created = await h['app:presets.create']({
    name: 'Homework',
    safePrompt: 'Be a patient tutor.',
    reversePrompt: 'Be a careless tutor.',
    alpha: 0.5,
    beta: 0,
    method: 'manual',
  });
  assert.ok(created.ok);
  const presetId = created.value.id;
  assert.ok((await h['app:presets.update']({ presetId, alpha: 0.6 })).ok);
  assert.ok((await h['app:presets.import']({ text: presetFileText('Imported', 'Be kind.', 'Be rude.') })).ok);
  assert.ok((await h['app:presets.export']({ presetId })).ok);

  const listed = await h['app:audit.list']({});
  assert.ok(listed.ok);
  const entries = [...listed.value].reverse().filter((e) => e.type !== 'policy.loaded');
  assert.deepEqual(
    entries.map((e) => e.type),
    ['preset.created', 'preset.edited', 'preset.imported', 'export'],
  );
  assert.deepEqual(entries[1]!.detail, { presetId, version: 2 });
  assert.ok(entries.every((e) => e.content === null && e.transport === null));
  assert.ok(!JSON.stringify(entries).includes('patient tutor'), 'no prompt text at the metadata level');
  const verified = await h['app:audit.verify']({});
  assert.ok(verified.ok);
  assert.deepEqual(verified.value, { ok: true, entries: listed.value.length, firstBroken: null });
  const csv = await h['app:audit.export']({ format: 'csv' });
  assert.ok(csv.ok);
  assert.equal(csv.value.text.trim().split('\n').length, listed.value.length + 1);
});
