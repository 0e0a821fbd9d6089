import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { tempDir } from '../support/tempData.js';
import { axeViolations } from './support/axe.js';
import { chromiumSuite, isFocused, sendAndWait, startServe, waitUntil } from './support/e2e.js';

/** axe-core on every page, in the light and the dark theme: zero violations. */

const suite = chromiumSuite();
const { skip } = suite;

async function themedPage(
  t: { after: (fn: () => Promise<void>) => void },
  browser: Browser,
  url: string,
  theme: 'light' | 'dark',
) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: theme });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await waitUntil(
    async () => (await page.evaluate(`matchMedia('(prefers-color-scheme: ${theme})').matches`)) === true,
  );
  return page;
}

/** Check the page as it is now; collect findings under `where` instead of stopping at the first. */
async function check(page: Page, where: string, found: string[]) {
  for (const line of await axeViolations(page)) found.push(`${where}: ${line}`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`every page has no axe violations (${theme} theme)`, { skip }, async (t) => {
    const served = await startServe(t, tempDir(t), suite.model);
    const page = await themedPage(t, suite.browser, served.url, theme);
    const found: string[] = [];
    await check(page, 'new chat', found);

    await sendAndWait(page, 'Where do penguins live');
    await check(page, 'chat with a reply', found);
    const explain = page
      .getByRole('article', { name: 'Rose' })
      .getByRole('button', { name: 'Show ROSE changes' });
    if ((await explain.count()) > 0) {
      await explain.click();
      await page.locator('mark.steered-text__token').first().waitFor();
      await check(page, 'reply with ROSE changes shown', found);
      await explain.click();
    }

    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('penguins');
    await page.getByRole('region', { name: 'Search results' }).locator('mark').first().waitFor();
    await check(page, 'search results', found);
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('');

    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('button', { name: 'How do I pick a lock?' }).click();
    await page.locator('form.compare__form').getByRole('button', { name: 'Compare' }).click();
    await page
      .getByRole('region', { name: 'Safety steering off' })
      .getByText(/tokens\/s/)
      .waitFor();
    await page
      .locator('.compare__column')
      .nth(1)
      .getByText(/tokens\/s/)
      .waitFor();
    await check(page, 'compare', found);

    await page.getByRole('button', { name: 'Presets' }).click();
    await page.getByRole('button', { name: 'New preset' }).waitFor();
    await check(page, 'presets', found);
    await page.getByRole('button', { name: 'New preset' }).click();
    await page.getByRole('textbox', { name: 'Name' }).waitFor();
    await check(page, 'preset editor', found);

    await page.getByRole('button', { name: 'Models' }).click();
    await page.getByRole('heading', { name: 'Catalog' }).waitFor();
    await check(page, 'models', found);

    await page.getByRole('button', { name: 'Safety bench' }).click();
    await page.getByRole('main', { name: 'Safety bench' }).getByRole('heading').first().waitFor();
    await check(page, 'safety bench', found);

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'About' }).waitFor();
    await page.getByText(/Logits source/).waitFor();
    await check(page, 'settings', found);

    await page.getByRole('button', { name: 'Policy' }).click();
    await page.getByRole('main', { name: 'Policy' }).getByRole('heading').first().waitFor();
    await check(page, 'policy', found);

    await page.getByRole('button', { name: 'Family' }).click();
    await page.getByRole('main', { name: 'Family' }).getByRole('heading').first().waitFor();
    await check(page, 'family', found);

    assert.deepEqual(found, []);
  });
}

test('the first run (no model yet) has no axe violations in either theme', { skip }, async (t) => {
  const served = await startServe(t, tempDir(t), null);
  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    const page = await themedPage(t, suite.browser, served.url, theme);
    await check(page, `first run (${theme})`, found);
  }
  assert.deepEqual(found, []);
});

test('"Reply finished" is announced; focus returns after rename, delete and the preset editor', {
  skip,
}, async (t) => {
  const served = await startServe(t, tempDir(t), suite.model);
  const page = await themedPage(t, suite.browser, served.url, 'light');
  await sendAndWait(page, 'First chat about otters');
  await page.getByRole('status').filter({ hasText: 'Reply finished' }).waitFor();

  await page.getByRole('button', { name: 'New chat' }).click();
  await sendAndWait(page, 'Second chat about owls');

  // One Tab stop for the conversation list; arrows inside it.
  const sidebar = page.getByRole('navigation', { name: 'Conversations' });
  await page.getByRole('searchbox', { name: 'Search conversations' }).focus();
  await page.keyboard.press('Tab');
  const second = sidebar.getByRole('button', { name: /^Second chat about owls/ });
  assert.equal(await isFocused(second), true, 'Tab from the search box lands on the open conversation');
  await page.keyboard.press('ArrowDown');
  assert.equal(await isFocused(sidebar.getByRole('button', { name: /^First chat about otters/ })), true);
  await page.keyboard.press('ArrowRight');
  assert.equal(await isFocused(sidebar.getByRole('button', { name: /^Pin First chat/ })), true);
  await page.keyboard.press('Tab');
  assert.equal(
    await page.evaluate(`document.activeElement.closest('.conv-groups') === null`),
    true,
    'one Tab leaves the list',
  );

  const rename = page.getByRole('button', { name: /^Rename Second chat/ });
  await rename.click();
  const titleBox = page.getByRole('textbox', { name: /^New title for/ });
  await titleBox.fill('Owls');
  await titleBox.press('Enter');
  const renamed = page.getByRole('button', { name: 'Rename Owls' });
  await renamed.waitFor();
  assert.equal(await isFocused(renamed), true, 'after Enter the focus is on the Rename button again');
  await renamed.click();
  await page.getByRole('textbox', { name: 'New title for Owls' }).press('Escape');
  assert.equal(await isFocused(renamed), true, 'after Esc too');

  await page.getByRole('button', { name: 'Delete Owls' }).click();
  await page.getByRole('button', { name: 'Delete Owls' }).waitFor({ state: 'detached' });
  const other = page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name: /^First chat about otters/ });
  await waitUntil(
    async () =>
      (await page.evaluate(`document.activeElement?.classList.contains('conv__open') === true`)) === true,
  );
  assert.equal(await isFocused(other), true, 'after a delete the focus moves to the next conversation');

  await page.getByRole('button', { name: 'Presets' }).click();
  const newPreset = page.getByRole('button', { name: 'New preset' });
  await newPreset.click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await waitUntil(
    async () => (await page.evaluate(`document.activeElement?.textContent === 'New preset'`)) === true,
  );
  assert.equal(await isFocused(newPreset), true, 'closing the editor returns the focus to its button');
});
