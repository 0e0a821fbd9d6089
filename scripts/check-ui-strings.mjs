#!/usr/bin/env node
// Fails when renderer code holds interface text instead of a translation key (docs/i18n.md).
// A deliberate exception takes a `// i18n-ignore: why` comment on the line or the line before.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { uiStringsIn } from './lib/uiStrings.mjs';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const scanned = join(root, 'renderer', 'src');
// The translations themselves, and the one place that names each language in itself.
const skipped = [join(scanned, 'i18n')];

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (skipped.includes(path)) continue;
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

let count = 0;
for (const path of files(scanned)) {
  for (const { line, text } of uiStringsIn(readFileSync(path, 'utf8'), path)) {
    count += 1;
    console.error(`${relative(root, path)}:${line}: interface text in code: "${text.slice(0, 80)}"`);
  }
}
if (count > 0) {
  console.error(
    `\n${count} interface text(s) in code. Put each in renderer/src/i18n/locales/*/ and use t('…').`,
  );
  process.exit(1);
}
console.log('check-ui-strings: no interface text outside the translation files');
