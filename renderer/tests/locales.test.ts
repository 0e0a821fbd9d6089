import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../shared/languages.js';
import { resources } from '../src/i18n/resources.js';

// Every language must be complete: the same texts as English, the same placeholders, every
// plural form its language's rules ask for (Intl.PluralRules, i.e. CLDR), and no English left in.

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Keys without their plural suffix, and for each plural key the forms it has. */
function families(texts: Map<string, string>) {
  const plural = new Map<string, Set<string>>();
  const plain = new Set<string>();
  for (const key of texts.keys()) {
    const match = PLURAL_SUFFIX.exec(key);
    if (match) {
      const base = key.slice(0, -match[0].length);
      plural.set(base, (plural.get(base) ?? new Set()).add(match[1]!));
    } else plain.add(key);
  }
  return { plural, plain };
}

/** {{name}} and {{name, format}} placeholders, and <tag> markers used by <Trans>. */
function slots(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => `{{${m[1]}}}`);
  const tags = [...text.matchAll(/<\/?(\w+)\s*\/?>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...names, ...tags])].sort();
}

const english = flatten(resources.en.translation as unknown as Tree);
const englishFamilies = families(english);

describe('translations', () => {
  it('English has texts and uses only the plural forms English has', () => {
    expect(english.size).toBeGreaterThan(0);
    for (const forms of englishFamilies.plural.values()) {
      expect([...forms].sort()).toEqual(['one', 'other']);
    }
  });

  for (const language of UI_LANGUAGES.filter((l) => l !== 'en')) {
    describe(language, () => {
      const texts = flatten(resources[language].translation as unknown as Tree);
      const own = families(texts);
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;

      it('has every text English has, and no other', () => {
        expect([...own.plain].sort()).toEqual([...englishFamilies.plain].sort());
        expect([...own.plural.keys()].sort()).toEqual([...englishFamilies.plural.keys()].sort());
      });

      it(`has each plural form ${language} needs (${categories.join(', ')})`, () => {
        for (const [base, forms] of own.plural) {
          for (const category of categories) {
            // Without it i18next would fall back to the English text (Spanish 'many' is 1 000 000 de …).
            expect(forms.has(category), `${base}_${category}`).toBe(true);
          }
        }
      });

      it('keeps every placeholder and markup tag of the English text', () => {
        for (const [key, value] of texts) {
          const base = key.replace(PLURAL_SUFFIX, '');
          const source = english.get(key) ?? english.get(`${base}_other`);
          if (source === undefined) continue;
          // A singular form may spell out "one" instead of using {{count}}.
          const wanted = slots(source).filter((s) => !(s === '{{count}}' && key !== `${base}_other`));
          const have = slots(value);
          for (const slot of wanted) expect(have, `${key}: ${slot}`).toContain(slot);
          for (const slot of have) expect(slots(source), `${key}: ${slot}`).toContain(slot);
        }
      });

      it('is translated: no text is left empty or in English', () => {
        for (const [key, value] of texts) {
          expect(value.trim(), key).not.toBe('');
          const source = english.get(key);
          if (source === undefined || value !== source) continue;
          // Identical is fine only for texts without English words (names, symbols, commands).
          const words = source.replace(/\{\{[^}]*\}\}|<[^>]*>|`[^`]*`/g, '').match(/\b[a-z]{4,}\b/g);
          expect(words, `${key} is still English: "${value}"`).toBeNull();
        }
      });
    });
  }
});
