import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { createRose, type Rose } from '../../main/app/createRose.js';
import { dispatch } from '../../main/app/dispatch.js';
import { APP_ENTRY_URL } from '../../main/electron/appUrl.js';
import { dispatchIpcCall } from '../../main/electron/ipcDispatch.js';
import type { AuditEntryInput } from '../../main/services/audit/auditTypes.js';
import { policySettings } from '../../shared/policy/declaration.js';
import {
  dataSnapshot,
  keepsManagedPreset,
  policyFixture,
  policyDirForTest,
  weakensManagedPreset,
} from '../support/policyFixture.js';
import { runRose } from '../support/runCli.js';
import { type Call, socketCaller } from '../support/socketCaller.js';

/** A Rose for the fixture's data folder with the fixture's ROSE_POLICY_DIR, recording audit entries. */
async function startRose(t: TestContext, fixture: Awaited<ReturnType<typeof policyFixture>>) {
  policyDirForTest(t, fixture.policyDir);
  const audit: AuditEntryInput[] = [];
  const rose = await createRose({
    dataDir: fixture.dataDir,
    threads: 1,
    modelPath: fixture.allowedModel,
    log: () => {},
    audit: { record: (entry) => audit.push(entry) },
  });
  t.after(() => rose.dispose());
  return { rose, audit };
}

/** One allowed reply, so the refusals below are not a Rose that refuses everything. */
async function allowedSend(rose: Rose, call: Call) {
  const finished = new Promise<void>((resolve) => {
    const stop = rose.events.subscribe((event) => {
      if (event.type === 'chat.finished') {
        stop();
        resolve();
      }
    });
  });
  const sent = await call('app:chats.send', { text: 'What is a prime number?', maxTokens: 4, alpha: 0.5 });
  assert.equal(sent.ok, true, JSON.stringify(sent));
  await finished;
}

/**
 * Each bypass attempt through `call`: refused with policy-denied naming the rule and who set it,
 * logged, and the database and data files unchanged.
 */
async function assertBypassesRefused(
  rose: Rose,
  call: Call,
  fixture: Awaited<ReturnType<typeof policyFixture>>,
  audit: AuditEntryInput[],
) {
  await allowedSend(rose, call);
  const listed = await call('app:presets.list', {});
  assert.ok(listed.ok);
  // A preset that keeps the managed prompts may be imported, but is not on the allowlist (built-ins only).
  const imported = await call('app:presets.import', { text: keepsManagedPreset() });
  assert.equal(imported.ok, true, JSON.stringify(imported));
  const userVersion = (imported as { value: { latest: { id: number } } }).value.latest.id;

  const attempts: [string, string, unknown, RegExp][] = [
    ['ROSE off', 'app:chats.send', { text: 'hi', roseEnabled: false }, /ROSE required/],
    ['α below the floor', 'app:chats.send', { text: 'hi', alpha: 0.1 }, /Minimum α/],
    [
      'a preset not allowed',
      'app:chats.send',
      { text: 'hi', presetVersionId: userVersion },
      /Allowed presets/,
    ],
    [
      'a preset import weakening the managed preset',
      'app:presets.import',
      { text: weakensManagedPreset() },
      /Managed preset/,
    ],
    [
      'a model with the same name and another sha256',
      'app:models.import',
      { path: fixture.impostorModel },
      /Allowed models/,
    ],
    [
      'a guard model that is not on the allowed list',
      'app:eval.guard',
      { runId: 1, path: fixture.impostorModel },
      /Allowed models/,
    ],
    ['a settings write', 'app:settings.set', { theme: 'dark' }, /Settings page/],
    ['a preset export', 'app:presets.export', { presetId: 1 }, /Export/],
    [
      'a copy of a built-in without the managed prompts',
      'app:presets.duplicate',
      { presetId: 1 },
      /Managed preset/,
    ],
    [
      'compare with ROSE off',
      'app:compare.run',
      { prompt: 'hi', sides: [{ roseEnabled: false }, { alpha: 1 }] },
      /ROSE required/,
    ],
  ];
  const before = dataSnapshot(fixture.dataDir);
  for (const [what, channel, input, rule] of attempts) {
    const deniedBefore = audit.filter((e) => e.type === 'policy.denied').length;
    const result = await call(channel, input);
    assert.equal(result.ok, false, `${what} was allowed`);
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'policy-denied', `${what}: ${result.error.message}`);
    assert.match(result.error.message, rule, what);
    assert.match(result.error.message, /managed by Test School/, what);
    // Its parts come through the transport too, so a window in another language can say it.
    const refusal = result.error.refusal;
    assert.ok(refusal, `${what}: the refusal has no parts`);
    assert.match(policySettings[refusal.rule].title, rule, what);
    assert.deepEqual([refusal.source, refusal.org], ['managed', 'Test School'], what);
    assert.equal(
      audit.filter((e) => e.type === 'policy.denied').length,
      deniedBefore + 1,
      `${what} was not logged`,
    );
    assert.deepEqual(dataSnapshot(fixture.dataDir), before, `${what} changed stored data`);
  }

  // The allowed file swapped for the impostor's bytes under the same path and name: refused too.
  copyFileSync(fixture.impostorModel, fixture.allowedModel);
  const swapped = await call('app:chats.send', { text: 'hi', alpha: 0.5 });
  assert.ok(!swapped.ok);
  assert.equal(swapped.error.code, 'policy-denied');
  assert.match(swapped.error.message, /Allowed models/);
  assert.deepEqual(dataSnapshot(fixture.dataDir), before);
}

test('WebSocket: every bypass attempt is refused with policy-denied and changes nothing', {
  timeout: 180_000,
}, async (t) => {
  const fixture = await policyFixture(t);
  const { rose, audit } = await startRose(t, fixture);
  const call = await socketCaller(t, rose);
  await assertBypassesRefused(rose, call, fixture, audit);
});

test('Electron IPC handler path: every bypass attempt is refused with policy-denied and changes nothing', {
  timeout: 180_000,
}, async (t) => {
  const fixture = await policyFixture(t);
  const { rose, audit } = await startRose(t, fixture);
  const frame = { url: APP_ENTRY_URL, parent: null };
  const call: Call = (channel, input) =>
    dispatchIpcCall({ channel, input, frame, appUrl: APP_ENTRY_URL, handlers: rose.handlers });
  await assertBypassesRefused(rose, call, fixture, audit);
  // The policy is visible with its sources, and a reload re-reads it.
  const view = await dispatch(rose.handlers, 'app:policy.reload', {});
  assert.ok(view.ok);
  const settings = (view.value as { settings: { key: string; setBy: string; origin: string | null }[] })
    .settings;
  const rose_ = settings.find((s) => s.key === 'roseRequired');
  assert.equal(rose_?.setBy, 'Managed by Test School');
  assert.equal(rose_?.origin, join(fixture.policyDir, 'school.json'));

  // A new file tightening the policy applies at the next reload, and windows are told.
  const told = new Promise<void>((resolve) => {
    const stop = rose.events.subscribe((event) => {
      if (event.type === 'policy.changed') {
        stop();
        resolve();
      }
    });
  });
  writeFileSync(join(fixture.policyDir, 'tighter.json'), JSON.stringify({ alphaMin: 0.8 }));
  chmodSync(join(fixture.policyDir, 'tighter.json'), 0o644);
  await dispatch(rose.handlers, 'app:policy.reload', {});
  await told;
  const refused = await call('app:chats.send', { text: 'hi', alpha: 0.6 });
  assert.ok(!refused.ok);
  assert.match(refused.error.message, /α 0\.6 is below the minimum 0\.8/);
});

test('serve mode is refused when the policy forbids it, before anything listens', async (t) => {
  const fixture = await policyFixture(t);
  writeFileSync(join(fixture.policyDir, 'no-serve.json'), JSON.stringify({ serveAllowed: false }));
  chmodSync(join(fixture.policyDir, 'no-serve.json'), 0o644);
  const result = await runRose(['serve', '--port', '0', '--data-dir', fixture.dataDir], {
    ROSE_POLICY_DIR: fixture.policyDir,
  });
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /Refused by policy: serve mode is not allowed/);
  assert.doesNotMatch(result.stdout, /Rose is running/);
});

test('CLI: chat, generate, presets import and models import obey the same policy', {
  timeout: 300_000,
}, async (t) => {
  const fixture = await policyFixture(t);
  const env = { ROSE_POLICY_DIR: fixture.policyDir };
  const common = ['--data-dir', fixture.dataDir, '--threads', '1', '--max-tokens', '4'];
  const allowed = await runRose(
    ['chat', '--model', fixture.allowedModel, ...common, '--alpha', '0.5', 'Hello'],
    env,
  );
  assert.equal(allowed.code, 0, allowed.stderr);
  const good = join(fixture.work, 'good.rose-preset.json');
  writeFileSync(good, keepsManagedPreset());
  const importedGood = await runRose(
    ['presets', 'import', good, '--json', '--data-dir', fixture.dataDir],
    env,
  );
  assert.equal(importedGood.code, 0, importedGood.stderr);
  const userPreset = JSON.parse(importedGood.stdout).id as number;
  const weak = join(fixture.work, 'weak.rose-preset.json');
  writeFileSync(weak, weakensManagedPreset());

  const attempts: [string, string[], RegExp][] = [
    ['ROSE off', ['chat', '--model', fixture.allowedModel, ...common, '--off', 'hi'], /ROSE required/],
    [
      'α below the floor',
      ['chat', '--model', fixture.allowedModel, ...common, '--alpha', '0.1', 'hi'],
      /Minimum α/,
    ],
    [
      'a preset not allowed',
      ['chat', '--model', fixture.allowedModel, ...common, '--preset', String(userPreset), 'hi'],
      /Allowed presets/,
    ],
    [
      'a weakening preset import',
      ['presets', 'import', weak, '--data-dir', fixture.dataDir],
      /Managed preset/,
    ],
    [
      'importing the impostor model',
      ['models', 'import', fixture.impostorModel, '--data-dir', fixture.dataDir],
      /Allowed models/,
    ],
    [
      'chatting with the impostor model',
      ['chat', '--model', fixture.impostorModel, ...common, 'hi'],
      /Allowed models/,
    ],
    [
      'generate with ROSE off',
      [
        'generate',
        '--model',
        fixture.allowedModel,
        '--threads',
        '1',
        '--data-dir',
        fixture.dataDir,
        '--off',
        'hi',
      ],
      /ROSE required/,
    ],
    [
      'bench with the impostor model',
      [
        'bench',
        '--model',
        fixture.impostorModel,
        '--tokens',
        '4',
        '--rounds',
        '1',
        '--threads',
        '1',
        '--data-dir',
        fixture.dataDir,
      ],
      /Allowed models/,
    ],
    [
      'generate with the impostor model',
      ['generate', '--model', fixture.impostorModel, '--threads', '1', '--data-dir', fixture.dataDir, 'hi'],
      /Allowed models/,
    ],
  ];
  const before = dataSnapshot(fixture.dataDir);
  for (const [what, args, rule] of attempts) {
    const result = await runRose(args, env);
    assert.equal(result.code, 2, `${what}: ${result.stderr}`);
    assert.match(result.stderr, /Refused by policy/, what);
    assert.match(result.stderr, rule, what);
    assert.match(result.stderr, /managed by Test School/, what);
    assert.equal(result.stdout, '', `${what} printed an answer`);
    assert.deepEqual(dataSnapshot(fixture.dataDir), before, `${what} changed stored data`);
  }
  const shown = await runRose(['policy', 'show', '--json'], env);
  assert.equal(shown.code, 0, shown.stderr);
  const alphaMin = JSON.parse(shown.stdout).settings.find((s: { key: string }) => s.key === 'alphaMin');
  assert.equal(alphaMin.value, fixture.policy.alphaMin);
  assert.equal(alphaMin.setBy, 'Managed by Test School');

  // A file anyone could have written is ignored, and `rose policy show` says so.
  writeFileSync(join(fixture.policyDir, 'loose.json'), JSON.stringify({ roseRequired: false }));
  chmodSync(join(fixture.policyDir, 'loose.json'), 0o666);
  const text = await runRose(['policy', 'show'], env);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /roseRequired\s+true\s+Managed by Test School/);
  assert.match(text.stdout, /untrusted\s+\S*loose\.json — ignored: the file is writable by every user/);
});
