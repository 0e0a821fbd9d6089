import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { tempDir } from '../support/tempData.js';
import { axeViolations } from './support/axe.js';
import {
  chromiumSuite,
  LOCALES,
  openPage,
  screenshot,
  sendAndWait,
  startServe,
  waitUntil,
} from './support/e2e.js';

/** The interface language: switched in Settings and remembered, or taken from the browser. */

const suite = chromiumSuite();
const { skip } = suite;

type Tree = { [key: string]: string | Tree };

/** Every text of one language, keyed `area.path.to.text`, read from the shipped files. */
function textsOf(language: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (tree: Tree, prefix: string) => {
    for (const [key, value] of Object.entries(tree)) {
      if (typeof value === 'string') out.set(`${prefix}${key}`, value);
      else walk(value, `${prefix}${key}.`);
    }
  };
  const dir = join(LOCALES, language);
  for (const file of readdirSync(dir)) {
    walk(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Tree, `${file.replace(/\.json$/, '')}.`);
  }
  return out;
}

const english = textsOf('en');

/**
 * What an English text of the interface reads as in another language, found by its key under
 * `area` (the test types only English, the shipped files give the rest).
 */
function inLanguage(texts: Map<string, string>, englishText: string, area = ''): string {
  const key = [...english].find(([k, value]) => value === englishText && k.startsWith(area))?.[0];
  assert.ok(key, `no interface text reads "${englishText}" in English`);
  const translated = texts.get(key);
  assert.ok(translated, `${key} has no translation`);
  return translated;
}

/** Texts shown on the page that are English interface texts: a fallback or a missed translation. */
async function englishLeftOn(page: Page): Promise<string[]> {
  const shown = (await page.evaluate(`[...document.querySelectorAll('body *')]
    .filter((e) => e.closest('code, pre, .markdown') === null)
    .flatMap((e) => [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()))
    .concat([...document.querySelectorAll('[aria-label], [placeholder], [title]')].flatMap((e) =>
      ['aria-label', 'placeholder', 'title'].map((a) => e.getAttribute(a) ?? '')))
    .filter((text) => text.length > 0)`)) as string[];
  // Only whole sentences: a word like "Chat" or "ROSE" can rightly be the same in two languages.
  const sentences = new Set([...english.values()].filter((v) => /\s/.test(v) && !/\{\{|</.test(v)));
  return [...new Set(shown.filter((text) => sentences.has(text)))];
}

test('the interface switches to Chinese, stays Chinese after a reload, and switches back', {
  skip,
}, async (t) => {
  const chinese = textsOf('zh-CN');
  const served = await startServe(t, tempDir(t), suite.model);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url);
  await sendAndWait(page, 'Hello');

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  const settingsTab = page.getByRole('button', {
    name: inLanguage(chinese, 'Settings', 'app.pages.'),
    exact: true,
  });
  await settingsTab.waitFor();
  await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached' });
  assert.deepEqual(await englishLeftOn(page), [], 'the Settings page has English left');
  assert.deepEqual(await axeViolations(page), []);

  // Every page, in Chinese, without an English sentence left and still accessible.
  for (const tab of ['Chat', 'Compare', 'Presets', 'Models', 'Safety bench', 'Policy', 'Family']) {
    await page.getByRole('button', { name: inLanguage(chinese, tab, 'app.pages.'), exact: true }).click();
    await page.getByRole('main', { name: inLanguage(chinese, tab, 'app.pages.') }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await englishLeftOn(page), [], `the ${tab} page has English left`);
    assert.deepEqual(await axeViolations(page), [], `axe on the ${tab} page in Chinese`);
    if (tab === 'Chat') await screenshot(page, 'chat-zh-CN');
  }

  // The choice is a setting of the data folder: a reload (or another tab) keeps it.
  await page.reload();
  await page.getByRole('button', { name: inLanguage(chinese, 'Chat', 'app.pages.'), exact: true }).waitFor();
  await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached' });

  await settingsTab.click();
  const language = page.getByRole('combobox', { name: inLanguage(chinese, 'Language', 'settings.') });
  await language.selectOption('system');
  await page.getByRole('button', { name: 'Settings', exact: true }).waitFor();
  await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
  assert.equal(await page.getByRole('combobox', { name: 'Language' }).inputValue(), 'system');
  assert.deepEqual(consoleErrors, []);
});

test('a browser set to Spanish opens Rose in Spanish, with Spanish number formats', { skip }, async (t) => {
  const spanish = textsOf('es');
  const served = await startServe(t, tempDir(t), suite.model);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url, {
    locale: 'es-MX',
    messageBox: inLanguage(spanish, 'Message', 'composer.'),
  });
  await page.locator('html[lang="es"]').waitFor({ state: 'attached' });
  await page
    .getByRole('button', { name: inLanguage(spanish, 'Settings', 'app.pages.'), exact: true })
    .click();
  const language = page.getByRole('combobox', { name: inLanguage(spanish, 'Language', 'settings.') });
  assert.equal(await language.inputValue(), 'system');
  await waitUntil(async () => (await englishLeftOn(page)).length === 0);
  assert.deepEqual(consoleErrors, []);
});
