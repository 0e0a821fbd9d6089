import { afterEach, describe, expect, test } from 'vitest';
import type { Refusal } from '../../shared/policy/refusal.js';
import { REFUSAL_REASONS } from '../../shared/policy/refusal.js';
import { CallError, messageOf } from '../src/api/call.js';
import { i18n } from '../src/i18n/index.js';

const ENGLISH = 'Refused by policy: the main process words it so.';

const refusal = (overrides: Partial<Refusal> = {}): Refusal => ({
  rule: 'alphaMin',
  reason: 'alphaBelow',
  params: { value: 0.25, limit: 0.5 },
  source: 'managed',
  org: 'Example School',
  contact: null,
  ...overrides,
});

/** What `messageOf` shows for a refusal that arrived through a call. */
const shown = (parts: Refusal) =>
  messageOf(new CallError({ code: 'policy-denied', message: ENGLISH, refusal: parts }));

afterEach(() => i18n.changeLanguage('en'));

describe('refusals by policy in the window language', () => {
  test('every reason, in every language, names the rule and who set it, with nothing left open', async () => {
    for (const language of ['en', 'zh-CN', 'es']) {
      await i18n.changeLanguage(language);
      for (const reason of REFUSAL_REASONS) {
        const text = shown(
          refusal({ reason, params: { value: 3, limit: 2, file: 'a.gguf', preset: 'x', version: 2 } }),
        );
        expect(text, `${language} ${reason}`).not.toMatch(/\{\{|\}\}|policy\.refusal/);
        expect(text).toContain(i18n.t('policy.setBy.managed', { org: 'Example School' }));
        if (reason !== 'quietTime' && reason !== 'dailyLimit')
          expect(text).toContain(i18n.t('policy.rules.alphaMin'));
      }
    }
  });

  test('Chinese and Spanish say it in their own words and number formats', async () => {
    await i18n.changeLanguage('zh-CN');
    const chinese = shown(refusal());
    expect(chinese).not.toBe(ENGLISH);
    expect(chinese).toContain(i18n.t('policy.rules.alphaMin'));
    await i18n.changeLanguage('es');
    // Spanish writes the decimal comma.
    expect(shown(refusal())).toContain('0,25');
  });

  test('a parent’s time rule asks the child to ask a parent; a contact is named when the policy has one', async () => {
    const quiet = shown(
      refusal({ rule: 'quietHours', reason: 'quietTime', params: {}, source: 'family', org: null }),
    );
    expect(quiet).toContain(i18n.t('policy.setBy.family'));
    expect(quiet).toMatch(/Ask a parent/);
    expect(shown(refusal({ contact: 'it@example.org' }))).toContain('it@example.org');
  });

  test('parts this window does not know fall back to the app’s own message', () => {
    expect(shown(refusal({ source: 'cloud' as Refusal['source'] }))).toBe(ENGLISH);
    expect(shown(refusal({ reason: 'somethingNew' as Refusal['reason'] }))).toBe(ENGLISH);
    expect(messageOf(new CallError({ code: 'not-found', message: 'No such chat.' }))).toBe('No such chat.');
  });
});
