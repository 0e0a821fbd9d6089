import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AuditEntryInput } from '../../main/services/audit/auditTypes.js';
import { ModelHashes } from '../../main/services/policy/modelHashes.js';
import { type GenerationCheck, PolicyEnforcer } from '../../main/services/policy/policyEnforcer.js';
import type { PolicySnapshot } from '../../main/services/policy/policyService.js';
import { mergePolicy, type PolicyLayer } from '../../shared/policy/merge.js';
import { tempDir } from '../support/tempData.js';
import { isUserError, refusalOf } from '../../shared/errors.js';
import { USAGE_BLOCK_MINUTES } from '../../main/services/family/childUsage.js';

/** An enforcer over fixed layers (the policy service is a separate component with its own tests). */
function enforcer(layers: PolicyLayer[], options: { childMode?: boolean; at?: Date } = {}) {
  const audit: AuditEntryInput[] = [];
  const snapshot = (): PolicySnapshot => ({
    ...mergePolicy(layers),
    sources: [],
    loadedAt: null,
    childMode: options.childMode ?? false,
  });
  const policy = new PolicyEnforcer(
    { current: snapshot },
    new ModelHashes(),
    { record: (e) => audit.push(e) },
    { now: () => options.at ?? new Date(2026, 0, 1, 12, 0), transport: 'cli' },
  );
  return { policy, audit };
}

const managed = (values: Record<string, unknown>): PolicyLayer => ({
  kind: 'managed',
  origin: 'test.json',
  values,
});

function request(
  t: Parameters<typeof tempDir>[0],
  overrides: Partial<GenerationCheck> = {},
): GenerationCheck {
  const modelPath = join(tempDir(t), 'm.gguf');
  writeFileSync(modelPath, 'not really a model, but bytes to hash');
  return {
    modelPath,
    preset: { presetId: 1, version: 1, builtinKey: 'manual-reverse' },
    alpha: 0.5,
    roseEnabled: true,
    maxTokens: 256,
    temperature: 0,
    ...overrides,
  };
}

async function deniedRule(check: Promise<void> | (() => void)): Promise<string | null> {
  try {
    await (typeof check === 'function' ? check() : check);
    return null;
  } catch (error) {
    assert.equal((error as { code?: string }).code, 'policy-denied');
    return (error as { rule: string }).rule;
  }
}

test('no policy: an ordinary request passes and nothing is logged', async (t) => {
  const { policy, audit } = enforcer([]);
  assert.equal(await deniedRule(policy.checkGeneration(request(t))), null);
  assert.deepEqual(audit, []);
});

test('ceilings and floors are refused, never clamped, each naming its rule', async (t) => {
  const { policy, audit } = enforcer([
    managed({ maxTokensCeiling: 300, temperatureCeiling: 0.5, alphaMax: 1, alphaMin: 0.2, orgName: 'Org' }),
  ]);
  assert.equal(await deniedRule(policy.checkGeneration(request(t, { maxTokens: 301 }))), 'maxTokensCeiling');
  assert.equal(await deniedRule(policy.checkGeneration(request(t, { maxTokens: 300 }))), null);
  assert.equal(
    await deniedRule(policy.checkGeneration(request(t, { temperature: 0.7 }))),
    'temperatureCeiling',
  );
  assert.equal(await deniedRule(policy.checkGeneration(request(t, { alpha: 1.5 }))), 'alphaMax');
  assert.equal(await deniedRule(policy.checkGeneration(request(t, { alpha: 0.1 }))), 'alphaMin');
  assert.deepEqual(
    audit.map((e) => [e.type, e.detail.rule, e.detail.setBy, e.transport]),
    [
      ['policy.denied', 'maxTokensCeiling', 'Managed by Org', 'cli'],
      ['policy.denied', 'temperatureCeiling', 'Managed by Org', 'cli'],
      ['policy.denied', 'alphaMax', 'Managed by Org', 'cli'],
      ['policy.denied', 'alphaMin', 'Managed by Org', 'cli'],
    ],
  );
});

test('a refusal carries its parts: rule, reason, the figures, where the rule came from', async (t) => {
  const { policy } = enforcer([managed({ alphaMin: 0.4, orgName: 'Org', supportContact: 'it@org' })]);
  const refusal = await policy.checkGeneration(request(t, { alpha: 0.1 })).then(
    () => null,
    (error: unknown) => refusalOf(error),
  );
  assert.deepEqual(refusal, {
    rule: 'alphaMin',
    reason: 'alphaBelow',
    params: { value: 0.1, limit: 0.4 },
    source: 'managed',
    org: 'Org',
    contact: 'it@org',
  });
});

test('the model allowlist compares the sha256 of the bytes, and the message names who set it', async (t) => {
  const req = request(t);
  const hash = await new ModelHashes().sha256(req.modelPath);
  const allowed = enforcer([managed({ allowedModels: [hash] })]).policy;
  assert.equal(await deniedRule(allowed.checkGeneration(req)), null);
  writeFileSync(req.modelPath, 'other bytes under the same name');
  await assert.rejects(
    allowed.checkGeneration(req),
    /Refused by policy: .*m\.gguf.*not on the allowed list\. Rule "Allowed models", managed by your organisation\./,
  );
});

test('prompts from flags are refused when only listed presets are allowed', async (t) => {
  const { policy } = enforcer([managed({ allowedPresets: ['builtins'] })]);
  assert.equal(await deniedRule(policy.checkGeneration(request(t, { preset: null }))), 'allowedPresets');
  assert.equal(await deniedRule(policy.checkGeneration(request(t))), null);
});

test('quiet hours refuse only in child mode, and a family value is labelled as set by a parent', async (t) => {
  const family: PolicyLayer = {
    kind: 'family',
    origin: 'family',
    values: { quietHours: [{ start: '11:00', end: '13:00' }] },
  };
  assert.equal(await deniedRule(enforcer([family]).policy.checkGeneration(request(t))), null);
  const child = enforcer([family], { childMode: true }).policy;
  await assert.rejects(
    child.checkGeneration(request(t)),
    (error) =>
      isUserError(error) &&
      error.code === 'ask-a-parent' &&
      /quiet time.*set by a parent.*Ask a parent/.test(error.message) &&
      refusalOf(error)?.reason === 'quietTime' &&
      refusalOf(error)?.source === 'family',
  );
  const evening = enforcer([family], { childMode: true, at: new Date(2026, 0, 1, 18, 0) }).policy;
  assert.equal(await deniedRule(evening.checkGeneration(request(t))), null);
});

test("the daily limit counts a child's use in blocks and then asks for a parent", async (t) => {
  const family: PolicyLayer = { kind: 'family', origin: 'family', values: { dailyLimitMinutes: 10 } };
  const blocks = new Set<string>();
  const usage = {
    minutesOn: () => blocks.size * USAGE_BLOCK_MINUTES,
    mark: (at: Date) =>
      void blocks.add(`${at.getHours()}:${Math.floor(at.getMinutes() / USAGE_BLOCK_MINUTES)}`),
  };
  const at = (minute: number) => new Date(2026, 0, 1, 12, minute);
  const childAt = (minute: number) =>
    new PolicyEnforcer(
      { current: () => ({ ...mergePolicy([family]), sources: [], loadedAt: null, childMode: true }) },
      new ModelHashes(),
      { record() {} },
      { now: () => at(minute), usage },
    );
  await childAt(0).checkGeneration(request(t));
  await childAt(1).checkGeneration(request(t));
  assert.equal(usage.minutesOn(), USAGE_BLOCK_MINUTES, 'two questions in one block count once');
  await childAt(7).checkGeneration(request(t));
  await assert.rejects(
    childAt(12).checkGeneration(request(t)),
    (error) => isUserError(error) && error.code === 'ask-a-parent' && /10 minutes/.test(error.message),
  );
});

test('a managed preset replaces the prompts, appending user text only when allowed', () => {
  const strict = enforcer([
    managed({ managedPreset: { safePrompt: 'Be careful.', reversePrompt: 'Be reckless.' } }),
  ]).policy;
  assert.deepEqual(strict.prompts('Mine.', 'My reverse.'), {
    safePrompt: 'Be careful.',
    reversePrompt: 'Be reckless.',
  });
  const open = enforcer([
    managed({
      managedPreset: { safePrompt: 'Be careful.', reversePrompt: 'Be reckless.', userTextAllowed: true },
    }),
  ]).policy;
  assert.deepEqual(open.prompts('Mine.', 'My reverse.'), {
    safePrompt: 'Be careful.\n\nMine.',
    reversePrompt: 'Be reckless.',
  });
  assert.equal(
    deniedRuleSync(() =>
      strict.checkPresetContent(
        [{ safePrompt: 'Be careful. And more.', reversePrompt: 'Be reckless.', alpha: 0.5 }],
        'x',
      ),
    ),
    'managedPreset',
  );
  assert.equal(
    deniedRuleSync(() =>
      open.checkPresetContent(
        [{ safePrompt: 'Be careful. And more.', reversePrompt: 'Be reckless.', alpha: 0.5 }],
        'x',
      ),
    ),
    null,
  );
});

test('a broken managed preset pauses generation instead of falling back to the user prompts', async (t) => {
  const { policy } = enforcer([managed({ managedPreset: { safePrompt: '' } })]);
  assert.equal(await deniedRule(policy.checkGeneration(request(t))), 'managedPreset');
});

function deniedRuleSync(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as { rule: string }).rule;
  }
}
