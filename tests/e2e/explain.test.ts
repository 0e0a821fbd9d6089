import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../support/tempData.js';
import { chromiumSuite, openPage, screenshot, sendAndWait, startServe } from './support/e2e.js';

/** "Show ROSE changes" on a chat reply, in headless Chromium against `rose serve`. */

const suite = chromiumSuite();
const { skip } = suite;

test('a reply shows the tokens ROSE changed, each with what the safe run alone would have written', {
  skip,
  timeout: 120_000,
}, async (t) => {
  const served = await startServe(t, tempDir(t), suite.model);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url);
  await sendAndWait(page, 'Tell me about tea');
  const reply = page.getByRole('article', { name: 'Rose' }).last();
  const explain = reply.getByRole('button', { name: 'Show ROSE changes' });
  assert.equal(await explain.getAttribute('aria-pressed'), 'false');
  await explain.click();
  assert.equal(await explain.getAttribute('aria-pressed'), 'true');
  const marks = reply.locator('mark.steered-text__token');
  await marks.first().waitFor();
  assert.ok((await marks.count()) > 0);
  const first = marks.first();
  await first.hover();
  assert.match((await first.getAttribute('data-safe')) ?? '', /^“.*”$|^\(nothing\)$/s);
  assert.match((await first.textContent()) ?? '', /\(safe run alone: /);
  await screenshot(page, 'explain-reply');
  await explain.click();
  assert.equal(await marks.count(), 0, 'the rendered reply is back');
  assert.deepEqual(consoleErrors, []);
});
