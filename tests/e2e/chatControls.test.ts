import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';
import { chromiumSuite, openPage, screenshot, sendAndWait, startServe, waitUntil } from './support/e2e.js';

/** The chat controls in headless Chromium: context, Continue, Regenerate with sampling. */

const suite = chromiumSuite();
const { skip } = suite;

/** Open "Generation" under the composer and set one of its boxes (saved when it loses focus). */
async function setGeneration(page: Page, label: string, value: string): Promise<void> {
  const panel = page.locator('.generation-panel');
  if (!(await panel.evaluate((el) => (el as { open: boolean }).open))) await panel.locator('summary').click();
  const box = panel.getByLabel(label, { exact: true });
  await box.fill(value);
  await box.press('Enter');
}

test('past a small context the chat keeps answering, shows the notice and the meter', { skip }, async (t) => {
  const small = await getTinyModel({ contextLength: 512 });
  const served = await startServe(t, tempDir(t), small);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url);
  await setGeneration(page, 'Max tokens', '24');
  const long = 'Please tell me everything about the history of tea, in many words. '.repeat(4);
  for (let turn = 1; turn <= 6; turn += 1) await sendAndWait(page, `${turn}. ${long}`);
  const replies = page.getByRole('article', { name: 'Rose' });
  assert.equal(await replies.count(), 6, 'every message got a reply');
  await replies
    .last()
    .getByText(/left out of this reply/)
    .waitFor();
  assert.equal(
    await replies
      .first()
      .getByText(/left out of this reply/)
      .count(),
    0,
  );
  assert.match(
    (await page.locator('.context-meter').textContent()) ?? '',
    /Context: [\d,.\s]+ of 512 tokens/,
  );
  await screenshot(page, 'context-notice');

  // Carry it on from a summary: a new, empty chat that names the earlier one and shows the summary.
  await page.getByRole('button', { name: 'Continue in a new chat with a summary' }).click();
  const summary = page.getByRole('region', { name: 'Earlier conversation' });
  await summary.waitFor({ timeout: 60_000 });
  assert.ok(((await summary.locator('blockquote').textContent()) ?? '').trim().length > 0);
  assert.equal(await replies.count(), 0, 'the new chat starts empty');
  await page
    .getByRole('button', { name: /\(continued\)/ })
    .first()
    .waitFor();
  await sendAndWait(page, 'And what came next?');
  await summary.getByRole('button', { name: 'Open the earlier chat' }).click();
  await replies.nth(5).waitFor();
  assert.deepEqual(consoleErrors, []);
});

test('a reply cut at the length limit says so and Continue extends it', { skip }, async (t) => {
  const served = await startServe(t, tempDir(t), suite.model);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url);
  await setGeneration(page, 'Max tokens', '4');
  await sendAndWait(page, 'Tell me a long story');
  const reply = page.getByRole('article', { name: 'Rose' });
  await reply.getByText('Stopped at the length limit (4 tokens).').waitFor();
  const cut = (await reply.locator('.markdown').textContent()) ?? '';
  await reply.getByRole('button', { name: 'Continue' }).click();
  // Finished again: more tokens counted, or (the model may end the reply at once, its next token
  // can be end-of-text) the cut notice gone. The reply is not being written any more either way.
  const cutNotice = reply.getByText(/Stopped at the length limit/);
  await waitUntil(
    async () =>
      (await reply.getAttribute('aria-busy')) === 'false' &&
      ((await reply.getByText(/^(?!4 tokens)\d+ tokens · /).count()) > 0 || (await cutNotice.count()) === 0),
    60_000,
  );
  const longer = (await reply.locator('.markdown').textContent()) ?? '';
  const endedByItself =
    (await cutNotice.count()) === 0 && (await reply.getByText(/The reply failed/).count()) === 0;
  assert.ok(
    longer.startsWith(cut) && (longer.length > cut.length || endedByItself),
    `${JSON.stringify(cut)} → ${JSON.stringify(await reply.textContent())}`,
  );
  assert.equal(await page.getByRole('article', { name: 'Rose' }).count(), 1, 'the same reply grew');
  assert.deepEqual(consoleErrors, []);
});

test('Regenerate with a temperature above 0 writes a different reply', { skip }, async (t) => {
  const served = await startServe(t, tempDir(t), suite.model);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url);
  await setGeneration(page, 'Temperature', '1.2');
  await setGeneration(page, 'Max tokens', '16');
  await sendAndWait(page, 'Say something surprising');
  const reply = page.getByRole('article', { name: 'Rose' });
  const first = (await reply.locator('.markdown').textContent()) ?? '';
  await reply.getByRole('button', { name: 'Regenerate' }).click();
  await reply.getByText('2 / 2').waitFor();
  await reply.getByText(/tokens\/s/).waitFor();
  const second = (await reply.locator('.markdown').textContent()) ?? '';
  assert.notEqual(second, first);
  assert.equal(
    await page.getByText(/Regenerate writes the same reply/).count(),
    0,
    'no greedy note when sampling',
  );
  assert.deepEqual(consoleErrors, []);
});
