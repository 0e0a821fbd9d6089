import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AuditEntryInput } from '../../main/services/audit/auditTypes.js';
import { readManagedPreferences } from '../../main/services/policy/macPreferences.js';
import { defaultPolicyRoots, type PolicyRoots } from '../../main/services/policy/policyRoots.js';
import { PolicyService } from '../../main/services/policy/policyService.js';
import { parseRegQuery, registryPolicyValues } from '../../main/services/policy/windowsRegistry.js';
import { tempDir } from '../support/tempData.js';

const fixtures = fileURLToPath(new URL('../../../tests/fixtures/policy/', import.meta.url));
const me = typeof process.getuid === 'function' ? process.getuid() : 0;

function roots(managed: string[], extra: Partial<PolicyRoots> = {}): PolicyRoots {
  return { managedDirs: managed, recommendedDirs: [], managedPlists: [], registryKeys: [], ...extra };
}

function policyFolder(t: Parameters<typeof tempDir>[0], files: Record<string, unknown>): string {
  const dir = join(tempDir(t, 'rose-policy-'), 'managed');
  mkdirSync(dir, { mode: 0o755 });
  chmodSync(dir, 0o755);
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    chmodSync(path, 0o644);
  }
  return dir;
}

test('Linux-style folder: every *.json merges tighten-only, in name order, with its file as source', async (t) => {
  const dir = policyFolder(t, {
    '10-org.json': { orgName: 'Example School', alphaMin: 0.3, compareAllowed: false },
    '20-site.json': { alphaMin: 0.6, maxTokensCeiling: 1024 },
    'notes.txt': 'not read',
  });
  const service = new PolicyService({ roots: roots([dir]), trustedUids: [me] });
  const policy = await service.reload();
  assert.equal(policy.values.alphaMin, 0.6);
  assert.equal(policy.settings.alphaMin.origin, join(dir, '20-site.json'));
  assert.equal(policy.settings.compareAllowed.setBy, 'Managed by Example School');
  assert.equal(policy.values.maxTokensCeiling, 1024);
  assert.deepEqual(
    policy.sources.map((s) => s.status),
    ['ok', 'ok'],
  );
});

test('files writable by non-admins, or owned by someone else, are ignored and reported', async (t) => {
  const dir = policyFolder(t, { 'a.json': { alphaMin: 0.7 }, 'b.json': { exportAllowed: false } });
  chmodSync(join(dir, 'b.json'), 0o664);
  const service = new PolicyService({ roots: roots([dir]), trustedUids: [me] });
  const policy = await service.reload();
  assert.equal(policy.values.exportAllowed, true);
  assert.equal(policy.values.alphaMin, 0.7);
  const b = policy.sources.find((s) => s.origin.endsWith('b.json'));
  assert.equal(b?.status, 'untrusted');
  assert.match(b?.problem ?? '', /writable by its group/);

  const strangerOwned = new PolicyService({ roots: roots([dir]), trustedUids: [me + 4242] });
  const other = await strangerOwned.reload();
  assert.equal(other.values.alphaMin, 0);
  assert.ok(other.sources.every((s) => s.status === 'untrusted'));
  assert.match(other.sources[0]?.problem ?? '', /not by an admin/);
});

test('a malformed managed file keeps the last good policy, and is audited as rejected', async (t) => {
  const dir = policyFolder(t, { 'school.json': { roseRequired: true, alphaMin: 0.5 } });
  const audit: AuditEntryInput[] = [];
  const service = new PolicyService({
    roots: roots([dir]),
    trustedUids: [me],
    audit: { record: (e) => audit.push(e) },
  });
  assert.equal((await service.reload()).values.roseRequired, true);
  writeFileSync(join(dir, 'school.json'), '{ "roseRequired": false, ');
  const broken = await service.reload();
  assert.equal(broken.values.roseRequired, true);
  assert.equal(broken.values.alphaMin, 0.5);
  assert.equal(broken.sources[0]?.status, 'kept-last-good');
  assert.ok(broken.problems.some((p) => p.origin.endsWith('school.json')));
  assert.deepEqual(
    audit.map((e) => e.type),
    ['policy.loaded', 'policy.rejected'],
  );
  // The same broken file read again is not logged again.
  await service.reload();
  assert.equal(audit.length, 2);
});

test('a managed file that was never good counts as every restriction at its tightest', async (t) => {
  const dir = policyFolder(t, { 'typo.json': '{ roseRequired: true }' });
  const policy = await new PolicyService({ roots: roots([dir]), trustedUids: [me] }).reload();
  assert.equal(policy.sources[0]?.status, 'failed-closed');
  assert.deepEqual(
    policy.problems.map((p) => p.key),
    [undefined],
    'only the file is reported, not each value it stands in for',
  );
  assert.equal(policy.values.roseRequired, true);
  assert.deepEqual(policy.values.allowedModels, []);
  assert.equal(policy.values.compareAllowed, false);
});

test('a value out of range counts as its most restrictive value', async (t) => {
  const dir = policyFolder(t, { 'a.json': { maxTokensCeiling: 100000, temperatureCeiling: 'hot' } });
  const policy = await new PolicyService({ roots: roots([dir]), trustedUids: [me] }).reload();
  assert.equal(policy.values.maxTokensCeiling, 1);
  assert.equal(policy.values.temperatureCeiling, 0);
  assert.equal(policy.problems.filter((p) => p.key).length, 2);
});

test('recommended folder: changeable defaults below the managed ceiling', async (t) => {
  const managed = policyFolder(t, { 'a.json': { alphaMin: 0.3 } });
  const recommended = policyFolder(t, { 'r.json': { alphaMin: 0.5, exportAllowed: false } });
  const policy = await new PolicyService({
    roots: roots([managed], { recommendedDirs: [recommended] }),
    trustedUids: [me],
  }).reload();
  assert.equal(policy.values.alphaMin, 0.5);
  assert.equal(policy.settings.alphaMin.locked, true);
  assert.equal(policy.settings.exportAllowed.source, 'recommended');
  assert.equal(policy.settings.exportAllowed.locked, false);
});

test('macOS managed preferences: binary and XML property lists', async () => {
  const binary = await readManagedPreferences(join(fixtures, 'managed-prefs.binary.plist'));
  assert.equal(binary?.status, 'ok');
  assert.ok(binary?.status === 'ok');
  assert.equal(binary.values.roseRequired, true);
  assert.equal(binary.values.alphaMin, 0.4);
  assert.equal('PayloadUUID' in binary.values, false);
  assert.deepEqual(binary.values.managedPreset, {
    safePrompt: 'Be a careful assistant.',
    reversePrompt: 'Be a reckless assistant.',
    userTextAllowed: false,
  });
  const service = new PolicyService({
    roots: roots([], {
      managedPlists: [
        join(fixtures, 'managed-prefs.binary.plist'),
        join(fixtures, 'managed-prefs.xml.plist'),
      ],
    }),
  });
  const policy = await service.reload();
  assert.equal(policy.values.compareAllowed, false);
  assert.equal(policy.values.maxTokensCeiling, 1024);
  assert.deepEqual(policy.values.allowedModels, ['c'.repeat(64)]);
  assert.deepEqual(policy.problems, []);
  assert.equal(await readManagedPreferences(join(fixtures, 'absent.plist')), null);
});

test('Windows registry: reg query output, HKLM then HKCU, by declared kinds', async () => {
  const dump = parseRegQuery(
    readFileSync(join(fixtures, 'reg-query-hklm.txt'), 'utf8').replace(/\n/g, '\r\n'),
  );
  const values = registryPolicyValues(dump, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Rose');
  assert.equal(values.roseRequired, true);
  assert.equal(values.exportAllowed, false);
  assert.equal(values.maxTokensCeiling, 1024);
  assert.equal(values.alphaMin, 0.5);
  assert.deepEqual(values.allowedPresets, ['builtins', '7@2']);
  assert.deepEqual(values.allowedModels, ['a'.repeat(64), 'b'.repeat(64)]);

  const outputs: Record<string, string | null> = {
    'HKLM\\SOFTWARE\\Policies\\Rose': readFileSync(join(fixtures, 'reg-query-hklm.txt'), 'utf8'),
    'HKCU\\SOFTWARE\\Policies\\Rose': readFileSync(join(fixtures, 'reg-query-hkcu.txt'), 'utf8'),
  };
  const service = new PolicyService({
    platform: 'win32',
    roots: roots([], { registryKeys: Object.keys(outputs) }),
    regQuery: async (key) => ({ found: outputs[key] !== null, stdout: outputs[key] ?? '' }),
  });
  const policy = await service.reload();
  assert.equal(policy.values.alphaMin, 0.5, 'HKCU cannot lower the HKLM floor');
  assert.equal(policy.values.compareAllowed, false, 'HKCU can tighten');
  assert.equal(policy.values.temperatureCeiling, 0, 'a broken value counts as its tightest');
  assert.equal(policy.settings.orgName.value, 'Example School District');
  assert.equal(policy.settings.roseRequired.origin, 'HKLM\\SOFTWARE\\Policies\\Rose');
  assert.equal(policy.values.managedPreset && typeof policy.values.managedPreset === 'object', true);
});

test('the OS locations, and ROSE_POLICY_DIR as one more managed folder', () => {
  assert.deepEqual(defaultPolicyRoots('linux', {}).managedDirs, ['/etc/rose/policies/managed']);
  assert.deepEqual(defaultPolicyRoots('linux', {}).recommendedDirs, ['/etc/rose/policies/recommended']);
  const mac = defaultPolicyRoots('darwin', { USER: 'kim' });
  assert.deepEqual(mac.managedDirs, ['/Library/Application Support/Rose/policies/managed']);
  assert.ok(mac.managedPlists.includes('/Library/Managed Preferences/kim/app.rose.desktop.plist'));
  const win = defaultPolicyRoots('win32', { ProgramData: 'C:\\ProgramData' });
  assert.deepEqual(win.registryKeys, ['HKLM\\SOFTWARE\\Policies\\Rose', 'HKCU\\SOFTWARE\\Policies\\Rose']);
  assert.equal(win.managedDirs.length, 1);
  assert.deepEqual(defaultPolicyRoots('linux', { ROSE_POLICY_DIR: '/srv/fleet' }).launchManagedDirs, [
    '/srv/fleet',
  ]);
});

test('a change on disk is picked up by the folder watch without a restart', {
  timeout: 30_000,
}, async (t) => {
  const dir = policyFolder(t, { 'a.json': { exportAllowed: true } });
  const service = new PolicyService({ roots: roots([dir]), trustedUids: [me], rereadMs: 0 });
  await service.reload();
  service.start();
  t.after(() => service.stop());
  const changed = new Promise<boolean>((resolve) => service.onChange((s) => resolve(s.values.exportAllowed)));
  // The watcher does not hold the process open (the app's other work does); this test must.
  const keepAlive = setInterval(() => {}, 1000);
  t.after(() => clearInterval(keepAlive));
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ exportAllowed: false }));
  assert.equal(await changed, false);
});

test('a folder named at launch (ROSE_POLICY_DIR) may belong to the user running Rose: it can only tighten', async (t) => {
  const dir = policyFolder(t, { 'fleet.json': { exportAllowed: false } });
  const notAdmin = [me + 4242];
  const asSystemFolder = await new PolicyService({ roots: roots([dir]), trustedUids: notAdmin }).reload();
  assert.equal(asSystemFolder.sources[0]?.status, 'untrusted');
  const asLaunchFolder = await new PolicyService({
    roots: roots([], { launchManagedDirs: [dir] }),
    trustedUids: notAdmin,
  }).reload();
  assert.equal(asLaunchFolder.sources[0]?.status, 'ok');
  assert.equal(asLaunchFolder.values.exportAllowed, false);
  chmodSync(join(dir, 'fleet.json'), 0o666);
  const writable = await new PolicyService({
    roots: roots([], { launchManagedDirs: [dir] }),
    trustedUids: notAdmin,
  }).reload();
  assert.equal(writable.sources[0]?.status, 'untrusted');
});

test('a policy folder that becomes unreadable keeps the last good values of its files', async (t) => {
  const dir = policyFolder(t, { 'a.json': { compareAllowed: false } });
  const audit: AuditEntryInput[] = [];
  const service = new PolicyService({
    roots: roots([dir]),
    trustedUids: [me],
    audit: { record: (e) => audit.push(e) },
  });
  assert.equal((await service.reload()).values.compareAllowed, false);
  // The folder replaced by a file: reading it as a folder fails.
  rmSync(dir, { recursive: true });
  writeFileSync(dir, 'not a folder');
  const after = await service.reload();
  assert.equal(after.values.compareAllowed, false);
  assert.equal(after.sources[0]?.status, 'kept-last-good');
  assert.equal(audit.at(-1)?.type, 'policy.rejected');
});

test('an invalid value in a good file is audited as rejected, once', async (t) => {
  const dir = policyFolder(t, { 'a.json': { maxTokensCeiling: 'lots' } });
  const audit: AuditEntryInput[] = [];
  const service = new PolicyService({
    roots: roots([dir]),
    trustedUids: [me],
    audit: { record: (e) => audit.push(e) },
  });
  await service.reload();
  await service.reload();
  const rejected = audit.filter((e) => e.type === 'policy.rejected');
  assert.equal(rejected.length, 1);
  assert.equal(rejected[0]?.detail.key, 'maxTokensCeiling');
});
