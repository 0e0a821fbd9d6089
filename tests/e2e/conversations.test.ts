import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../support/tempData.js';
import { chromiumSuite, openPage, sendAndWait, startServe } from './support/e2e.js';

/** Sidebar actions and message versions, in headless Chromium against `rose serve`. */

const suite = chromiumSuite();
const { skip } = suite;

test('rename, pin, and delete with undo', { skip }, async (t) => {
  const served = await startServe(t, tempDir(t), suite.model);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url);
  await sendAndWait(page, 'First topic');
  await page.getByRole('button', { name: 'New chat' }).click();
  await sendAndWait(page, 'Second topic');
  const sidebar = page.getByRole('navigation', { name: 'Conversations' });

  await sidebar.getByRole('button', { name: 'Rename First topic' }).click();
  const title = sidebar.getByRole('textbox', { name: 'New title for First topic' });
  await title.fill('Renamed topic');
  await title.press('Enter');
  await sidebar.getByRole('button', { name: 'Renamed topic', exact: true }).waitFor();

  await sidebar.getByRole('button', { name: 'Pin Renamed topic' }).click();
  await sidebar.getByRole('region', { name: 'Pinned' }).getByText('Renamed topic').waitFor();
  assert.equal(
    await sidebar.getByRole('button', { name: 'Pin Renamed topic' }).getAttribute('aria-pressed'),
    'true',
  );

  await sidebar.getByRole('button', { name: 'Delete Second topic' }).click();
  await sidebar.getByRole('button', { name: 'Second topic', exact: true }).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Undo' }).click();
  await sidebar.getByRole('button', { name: 'Second topic', exact: true }).click();
  await page.getByRole('article', { name: 'You' }).getByText('Second topic').waitFor();
  assert.deepEqual(consoleErrors, []);
});

test('regenerate adds a second reply; edit adds a second version of the message', { skip }, async (t) => {
  const served = await startServe(t, tempDir(t), suite.model);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url);
  await sendAndWait(page, 'Tell me about rivers');
  const reply = page.getByRole('article', { name: 'Rose' });

  await reply.getByRole('button', { name: 'Regenerate' }).click();
  await reply.getByText('2 / 2').waitFor();
  await reply.getByText(/tokens\/s/).waitFor();

  const mine = page.getByRole('article', { name: 'You' });
  await mine.getByRole('button', { name: 'Edit' }).click();
  const edit = mine.getByRole('textbox', { name: 'Edit message' });
  await edit.fill('Tell me about lakes');
  await edit.press('Enter');
  await mine.getByText('Tell me about lakes').waitFor();
  await mine.getByText('2 / 2').waitFor();
  await reply.getByText(/tokens\/s/).waitFor();

  // The arrows bring back the first version of the message, with its own reply.
  await mine.getByRole('button', { name: 'Previous version' }).click();
  await mine.getByText('Tell me about rivers').waitFor();
  await mine.getByText('1 / 2').waitFor();
  await mine.getByRole('button', { name: 'Next version' }).click();
  await mine.getByText('Tell me about lakes').waitFor();
  assert.deepEqual(consoleErrors, []);
});
