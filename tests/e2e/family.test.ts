import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRose } from '../support/runCli.js';
import { tempDir } from '../support/tempData.js';
import { chromiumSuite, openPage, startServe } from './support/e2e.js';

/** The family lock seen from the window: a parent sets a PIN and hands Rose to a child. */

const suite = chromiumSuite();
const { skip } = suite;

test('family lock: PIN, child mode without the ROSE switch, Settings asks for the PIN, lockout after five wrong PINs', {
  skip,
  timeout: 180_000,
}, async (t) => {
  const previous = process.env.ROSE_FAMILY_MARKER_DIR;
  process.env.ROSE_FAMILY_MARKER_DIR = tempDir(t, 'rose-marker-'); // inherited by `rose serve`
  t.after(() => {
    if (previous === undefined) delete process.env.ROSE_FAMILY_MARKER_DIR;
    else process.env.ROSE_FAMILY_MARKER_DIR = previous;
  });
  const served = await startServe(t, tempDir(t), suite.model);
  const { page } = await openPage(t, suite.browser, served.url);

  // Before child mode the composer has the ROSE switch.
  await page.getByRole('checkbox', { name: 'ROSE' }).waitFor();

  await page.getByRole('button', { name: 'Family', exact: true }).click();
  await page.getByLabel('New parent PIN').fill('123456');
  await page.getByRole('button', { name: 'Set PIN' }).click();
  await page.getByRole('alert').filter({ hasText: 'run of digits' }).waitFor();
  await page.getByLabel('New parent PIN').fill('482916');
  await page.getByRole('button', { name: 'Set PIN' }).click();
  const recovery = page.getByRole('region', { name: 'Recovery code' });
  await recovery.waitFor();
  assert.match((await recovery.locator('code').textContent()) ?? '', /^[2-9A-Z]{5}(-[2-9A-Z]{5}){3}$/);
  await page.getByRole('button', { name: 'I have written it down' }).click();
  await page.getByRole('checkbox', { name: 'Child mode' }).click();
  // Turning child mode on ends the parent session: the page asks for the PIN again.
  await page.getByRole('textbox', { name: 'Parent PIN', exact: true }).waitFor();

  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  await page.getByText('ROSE on, set by a parent').waitFor();
  assert.equal(await page.getByRole('checkbox', { name: 'ROSE' }).count(), 0);
  assert.equal(await page.getByRole('textbox', { name: 'Alpha', exact: true }).isDisabled(), true);

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByText('Settings are set by a parent. Enter the parent PIN to change them.').waitFor();
  assert.equal(await page.getByRole('radio', { name: 'Dark' }).count(), 0);
  const pin = page.getByRole('textbox', { name: 'Parent PIN', exact: true });
  for (let i = 1; i <= 5; i++) {
    await pin.fill('000001');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: i < 5 ? `${5 - i} ${5 - i === 1 ? 'try' : 'tries'} left` : 'Too many wrong PINs' })
      .first()
      .waitFor();
  }
  // Even the right PIN is refused during the lockout; the settings stay closed.
  await pin.fill('482916');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: 'Too many wrong PINs. Try again in 1 minute' })
    .first()
    .waitFor();
  assert.equal(await page.getByRole('radio', { name: 'Dark' }).count(), 0);
});

test('quiet hours in child mode: a question gets the friendly "ask a parent" screen, not an answer', {
  skip,
  timeout: 180_000,
}, async (t) => {
  const markers = tempDir(t, 'rose-marker-');
  const previous = process.env.ROSE_FAMILY_MARKER_DIR;
  process.env.ROSE_FAMILY_MARKER_DIR = markers;
  t.after(() => {
    if (previous === undefined) delete process.env.ROSE_FAMILY_MARKER_DIR;
    else process.env.ROSE_FAMILY_MARKER_DIR = previous;
  });
  const dataDir = tempDir(t);
  const parent = (args: string[], input: string) => runRose([...args, '--data-dir', dataDir], {}, input);
  assert.equal((await parent(['family', 'set-pin', '--pin-stdin'], '482916\n')).code, 0);
  const quiet = await parent(
    ['family', 'set', 'quietHours', '[{"start":"00:00","end":"24:00"}]', '--pin-stdin'],
    '482916\n',
  );
  assert.equal(quiet.code, 0, quiet.stderr);
  // Child mode forbids serve mode, so the parent turns it on (from another process) once Rose serves.
  const served = await startServe(t, dataDir, suite.model);
  assert.equal((await parent(['family', 'child', 'on', '--pin-stdin'], '482916\n')).code, 0);
  const { page } = await openPage(t, suite.browser, served.url);
  await page.getByText('ROSE on, set by a parent').waitFor();
  await page.getByRole('textbox', { name: 'Message' }).fill('Can you help with my homework?');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  const ask = page.getByRole('alert', { name: 'Ask a parent' });
  await ask.waitFor();
  assert.match((await ask.textContent()) ?? '', /quiet time.*Ask a parent/);
  assert.equal(await page.getByRole('article', { name: 'Rose' }).count(), 0);
});
