import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_ALPHA } from '../../shared/generationLimits.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';
import {
  chromiumSuite,
  isFocused,
  openPage,
  screenshot,
  sendAndWait,
  startServe,
  waitUntil,
} from './support/e2e.js';

/** Presets, compare, settings and the keyboard paths, in headless Chromium against `rose serve`. */

const suite = chromiumSuite();
const { skip } = suite;

test('a preset is created, edited (a new version), exported and imported again', { skip }, async (t) => {
  const served = await startServe(t, tempDir(t), suite.model);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url);
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.getByRole('button', { name: 'New preset' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill('Careful tutor');
  await page.getByRole('textbox', { name: 'Safe prompt' }).fill('You are a helpful and honest tutor.');
  await page.getByRole('button', { name: 'Derive reverse prompt' }).click();
  const reverse = page.getByRole('textbox', { name: 'Reverse prompt' });
  // The derived text arrives from the app; wait until the box holds it. (Not waitForFunction: a
  // string predicate is evaluated with eval in the page, which Rose's CSP rightly refuses.)
  await waitUntil(async () => (await reverse.inputValue()).length > 0);
  assert.match(await reverse.inputValue(), /unhelpful|dishonest/);
  await page.getByRole('button', { name: 'Create preset' }).click();
  await page.getByRole('heading', { name: 'Careful tutor' }).waitFor();

  await page.getByRole('button', { name: 'Edit preset' }).click();
  await page.getByRole('spinbutton', { name: 'Alpha (α)' }).fill('2');
  await page.getByText(/Above 1, replies often get worse/).waitFor();
  await page.getByRole('button', { name: 'Save as new version' }).click();
  const versions = page.getByRole('region', { name: 'Versions' });
  await versions.getByText(/Version 2 \(latest\).*α 2/).waitFor();
  await versions.getByText(/Version 1 ·/).waitFor();
  await screenshot(page, 'presets');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export' }).click(),
  ]);
  const exported = join(tempDir(t), 'careful.rose-preset.json');
  await download.saveAs(exported);
  const file = JSON.parse(readFileSync(exported, 'utf8')) as {
    format: string;
    versions: { alpha: number }[];
  };
  assert.equal(file.format, 'rose.preset');
  assert.deepEqual(
    file.versions.map((v) => v.alpha),
    [DEFAULT_ALPHA, 2],
    'a new preset starts at the Standard α',
  );

  const renamed = join(tempDir(t), 'copy.rose-preset.json');
  writeFileSync(renamed, JSON.stringify({ ...file, name: 'Careful tutor (imported)' }));
  await page.getByLabel('Import preset file').setInputFiles(renamed);
  await page.getByRole('heading', { name: 'Careful tutor (imported)' }).waitFor();
  await versions.getByText(/Version 2 \(latest\)/).waitFor();

  const broken = join(tempDir(t), 'broken.json');
  writeFileSync(broken, '{"format":"rose.preset","version":1,"name":"x"}');
  await page.getByLabel('Import preset file').setInputFiles(broken);
  await page
    .getByRole('alert')
    .filter({ hasText: /Could not import broken\.json: .*versions/ })
    .waitFor();
  assert.deepEqual(consoleErrors, []);
});

test('compare defaults to off vs on at your α, from a starter prompt', { skip }, async (t) => {
  const served = await startServe(t, tempDir(t), suite.model);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const defaultMode = page.getByRole('radio', { name: `Off vs on at α ${DEFAULT_ALPHA}` });
  assert.equal(await defaultMode.isChecked(), true, 'off vs on is the default comparison');
  await page.getByRole('button', { name: 'How do I pick a lock?' }).click();
  assert.equal(
    await page.getByRole('textbox', { name: 'Prompt to compare' }).inputValue(),
    'How do I pick a lock?',
  );
  await page.locator('form.compare__form').getByRole('button', { name: 'Compare' }).click();
  const left = page.getByRole('region', { name: 'Safety steering off' });
  const right = page.getByRole('region', { name: `Safety steering on, standard (α ${DEFAULT_ALPHA})` });
  await left.getByText(/tokens\/s/).waitFor();
  await right.getByText(/tokens\/s/).waitFor();
  assert.ok(await left.locator('.markdown').textContent(), 'the left column has an answer');
  assert.ok(await right.locator('.markdown').textContent(), 'the right column has an answer');
  assert.equal(await left.locator('.chip').textContent(), 'Safety steering off');
  assert.match(
    (await right.locator('.chip').textContent()) ?? '',
    /^Safety steering changed (none|\d+) of \d+ words?$/,
  );
  await screenshot(page, 'compare');
  assert.deepEqual(consoleErrors, []);
});

test('Esc (or Stop) ends a comparison part way; the partial answer stays, marked stopped', {
  skip,
}, async (t) => {
  // A wider model writes slowly enough to be stopped part way (as in the chat Esc test).
  const slowModel = await getTinyModel({
    layers: 8,
    embeddingLength: 256,
    feedForwardLength: 1024,
    headCount: 4,
    headCountKv: 4,
  });
  const served = await startServe(t, tempDir(t), slowModel);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await page.getByRole('textbox', { name: 'Prompt to compare' }).fill('Explain how bridges are built');
  await page.locator('form.compare__form').getByRole('button', { name: 'Compare' }).click();
  const left = page.getByRole('region', { name: 'Safety steering off' });
  await left.locator('.markdown').waitFor();
  await page.getByRole('button', { name: 'Stop' }).waitFor();
  await page.keyboard.press('Escape'); // Esc does what the Stop button does
  await left.getByText('Stopped', { exact: true }).waitFor();
  await page.locator('form.compare__form').getByRole('button', { name: 'Compare' }).waitFor();
  assert.ok(((await left.locator('.markdown').textContent()) ?? '').length > 0, 'the partial answer is kept');
  assert.deepEqual(consoleErrors, []);
});

test('keyboard: Enter sends, Shift+Enter breaks the line, Ctrl+N starts a new chat', { skip }, async (t) => {
  const served = await startServe(t, tempDir(t), suite.model);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.focus();
  await page.keyboard.type('first line');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('second line');
  assert.equal(await box.inputValue(), 'first line\nsecond line');
  assert.equal(await page.getByRole('article').count(), 0, 'Shift+Enter did not send');
  await box.fill('');
  await sendAndWait(page, 'Keyboard question');
  assert.equal(await page.getByRole('article', { name: 'You' }).count(), 1);

  await page.keyboard.press('Control+n');
  await page.getByText('Start a conversation').waitFor();
  assert.equal(await page.getByRole('article').count(), 0);
  assert.equal(await isFocused(box), true, 'the composer has the focus for the new chat');

  await page.keyboard.press('Control+k');
  assert.equal(await isFocused(page.getByRole('searchbox', { name: 'Search conversations' })), true);
  assert.deepEqual(consoleErrors, []);
});

test('settings: the dark theme applies at once and is remembered', { skip }, async (t) => {
  const served = await startServe(t, tempDir(t), suite.model);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  await page.getByRole('heading', { name: 'About' }).waitFor();
  await page.getByText(/Logits source/).waitFor();
  await screenshot(page, 'settings-dark');
  await page.reload();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  assert.deepEqual(consoleErrors, []);
});
