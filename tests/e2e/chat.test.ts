import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';
import {
  generateReference,
  isFocused,
  openPage,
  screenshot,
  sendAndWait,
  startServe,
  chromiumSuite,
} from './support/e2e.js';

/** The chat in headless Chromium against `rose serve` with a generated model. */

const suite = chromiumSuite();
const { skip } = suite;

test('a reply grows over several frames and ends as `rose generate` writes it', { skip }, async (t) => {
  const served = await startServe(t, tempDir(t), suite.model);
  const { page, context, consoleErrors } = await openPage(t, suite.browser, served.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin });

  // Sample the reply's length on every animation frame while it streams.
  // (Page code is given as text: this project's Node tsconfig has no DOM types.)
  await page.evaluate(`(() => {
    window.lengths = [];
    const sample = () => {
      const reply = document.querySelector('article[aria-label="Rose"] .markdown');
      window.lengths.push(reply ? reply.textContent.length : 0);
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  })()`);
  const prompt = 'Hello there';
  await sendAndWait(page, prompt);
  const lengths = (await page.evaluate('window.lengths')) as number[];
  const growing = new Set(lengths.filter((n) => n > 0));
  assert.ok(growing.size >= 3, `the reply appeared in ${growing.size} steps: ${[...growing].join(', ')}`);

  await assert.doesNotReject(page.getByRole('article', { name: 'You' }).getByText(prompt).waitFor());
  const reply = page.getByRole('article', { name: 'Rose' });
  await reply.getByRole('button', { name: 'Copy', exact: true }).click();
  const copied = (await page.evaluate('navigator.clipboard.readText()')) as string;
  assert.equal(copied, await generateReference(suite.model, prompt));

  const chip = await reply.locator('.chip').textContent();
  assert.match(chip ?? '', /^Safety steering changed (none|\d+) of \d+ words? · Manual reverse$/);
  assert.match(
    (await reply.locator('.reply-footer').textContent()) ?? '',
    /\d+ tokens · [\d.]+ tokens\/s · first token/,
  );
  await screenshot(page, 'chat');
  assert.deepEqual(consoleErrors, []);
});

test('Esc stops a reply mid-way; the partial text stays, marked stopped', { skip }, async (t) => {
  // A wider model writes slowly enough (a few seconds for this prompt) to be stopped part way.
  const slowModel = await getTinyModel({
    layers: 8,
    embeddingLength: 256,
    feedForwardLength: 1024,
    headCount: 4,
    headCountKv: 4,
  });
  const prompt = 'Explain how bridges are built';
  const full = await generateReference(slowModel, prompt);
  const served = await startServe(t, tempDir(t), slowModel);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(prompt);
  await box.press('Enter');
  const reply = page.getByRole('article', { name: 'Rose' });
  await reply.locator('.markdown').waitFor();
  await page.getByRole('button', { name: 'Stop' }).waitFor();
  await box.press('Escape');
  await reply.getByText('Stopped', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Send' }).waitFor();

  const partial = (await reply.locator('.markdown').textContent()) ?? '';
  assert.ok(partial.length > 0, 'the partial reply is kept');
  assert.ok(partial.length < full.length, `stopped at ${partial.length} of ${full.length} characters`);
  assert.deepEqual(consoleErrors, []);
});

test('a conversation survives a reload and a server restart, and search finds it', { skip }, async (t) => {
  const dataDir = tempDir(t);
  const first = await startServe(t, dataDir, suite.model);
  const opened = await openPage(t, suite.browser, first.url);
  await sendAndWait(opened.page, 'Where do penguins live');
  await opened.page.reload();
  await opened.page.getByRole('button', { name: 'Where do penguins live', exact: true }).click();
  await opened.page
    .getByRole('article', { name: 'Rose' })
    .getByText(/tokens\/s/)
    .waitFor();
  assert.deepEqual(opened.consoleErrors, []);
  await opened.context.close();
  await first.stop();

  const second = await startServe(t, dataDir, suite.model);
  const { page, consoleErrors } = await openPage(t, suite.browser, second.url);
  await page.getByRole('button', { name: 'Where do penguins live', exact: true }).click();
  await page.getByRole('article', { name: 'You' }).getByText('Where do penguins live').waitFor();
  await page
    .getByRole('article', { name: 'Rose' })
    .getByText(/Safety steering changed/)
    .waitFor();

  await page.keyboard.press('Control+k');
  const search = page.getByRole('searchbox', { name: 'Search conversations' });
  assert.equal(await isFocused(search), true, 'Ctrl+K focuses the search');
  await page.keyboard.type('penguins');
  const results = page.getByRole('region', { name: 'Search results' });
  await results
    .locator('mark', { hasText: /penguins/i })
    .first()
    .waitFor();
  await screenshot(page, 'search');
  assert.deepEqual(consoleErrors, []);
});
