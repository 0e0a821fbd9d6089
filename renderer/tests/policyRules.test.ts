import { describe, expect, test } from 'vitest';
import type { PolicySettingView, PolicyView } from '../../shared/contract/index.js';
import { UI_LANGUAGES } from '../../shared/languages.js';
import { policyKeys, policySettings } from '../../shared/policy/declaration.js';
import { i18n } from '../src/i18n/index.js';
import { resources } from '../src/i18n/resources.js';
import { ruleTitle, setByText } from '../src/stores/policyStore.js';

// The Policy page names each setting in the window's language (policy.rules.<key>), never in the
// declaration's English: every declared setting needs a text, and English must say what the CLI says.

describe('policy setting names', () => {
  for (const language of UI_LANGUAGES) {
    test(`${language} names every declared setting, and nothing else`, () => {
      const rules = resources[language].translation.policy.rules as Record<string, string>;
      expect(Object.keys(rules).sort()).toEqual([...policyKeys].sort());
      for (const key of policyKeys) expect(rules[key]?.trim(), key).toBeTruthy();
    });
  }

  test("the English names are the declaration's titles", () => {
    const rules = resources.en.translation.policy.rules as Record<string, string>;
    for (const key of policyKeys) expect(rules[key], key).toBe(policySettings[key].title);
  });

  test('a setting shows its translated name and who set it', () => {
    const es = i18n.getFixedT('es');
    const setting = (key: string, over: Partial<PolicySettingView> = {}): PolicySettingView => ({
      key,
      title: 'English title',
      value: null,
      source: 'default',
      locked: false,
      setBy: 'Default',
      origin: null,
      ...over,
    });
    const view = (orgName: string | null): PolicyView => ({
      settings: [setting('orgName', { value: orgName })],
      sources: [],
      problems: [],
      childMode: false,
      loadedAt: null,
    });
    expect(ruleTitle(es, setting('exportAllowed'))).toBe('Exportar');
    const managed = setting('roseRequired', { source: 'managed', setBy: 'Managed by X' });
    expect(setByText(es, managed, view('Escuela'))).toBe('Administrado por Escuela');
    expect(setByText(es, managed, view(null))).toBe('Administrado por tu organización');
    expect(setByText(i18n.getFixedT('en'), managed, view('Example School'))).toBe(
      'Managed by Example School',
    );
    expect(setByText(es, setting('alphaMin', { source: 'family' }), null)).toBe('Establecido por un adulto');
  });
});
