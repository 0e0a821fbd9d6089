import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// The renderer shows built-in presets and bench suites by their key, translated. Its English texts
// must be the names Rose ships, or the English interface would rename them.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => JSON.parse(readFileSync(`${root}${path}`, 'utf8'));

test('the English names of built-in presets and suites are the shipped names, and each one has a name', () => {
  const presets = read('renderer/src/i18n/locales/en/presets.json').builtin as Record<string, string>;
  // A built-in preset's key is its file's name (builtinPresets.ts).
  const shippedPresets = readdirSync(`${root}assets/presets`).map((f) => [
    f.replace(/\.json$/, ''),
    read(`assets/presets/${f}`).name,
  ]);
  assert.deepEqual(Object.fromEntries(shippedPresets), presets);
  const descriptions = read('renderer/src/i18n/locales/en/presets.json').builtinDescription;
  assert.deepEqual(
    Object.fromEntries(
      readdirSync(`${root}assets/presets`).map((f) => [
        f.replace(/\.json$/, ''),
        read(`assets/presets/${f}`).description,
      ]),
    ),
    descriptions,
  );
  const suites = read('renderer/src/i18n/locales/en/bench.json').suites as Record<string, string>;
  const shippedSuites = readdirSync(`${root}assets/eval`).map((f) => read(`assets/eval/${f}`));
  assert.deepEqual(Object.fromEntries(shippedSuites.map((s) => [s.key, s.name])), suites);
});
