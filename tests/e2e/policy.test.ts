import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../support/tempData.js';
import { chromiumSuite, localeTexts, openPage, startServe } from './support/e2e.js';

/** A managed policy seen from the window: the Policy page, locked settings, a refused send. */

const suite = chromiumSuite();
const { skip } = suite;

test('managed policy: the Policy page names the organisation, settings are locked, ROSE off is refused', {
  skip,
  timeout: 120_000,
}, async (t) => {
  const policyDir = join(tempDir(t), 'managed');
  mkdirSync(policyDir);
  chmodSync(policyDir, 0o755);
  writeFileSync(
    join(policyDir, 'school.json'),
    JSON.stringify({ orgName: 'Test School', roseRequired: true, settingsPageAllowed: false }),
  );
  chmodSync(join(policyDir, 'school.json'), 0o644);
  const previous = process.env.ROSE_POLICY_DIR;
  process.env.ROSE_POLICY_DIR = policyDir; // inherited by the `rose serve` child
  t.after(() => {
    if (previous === undefined) delete process.env.ROSE_POLICY_DIR;
    else process.env.ROSE_POLICY_DIR = previous;
  });
  const served = await startServe(t, tempDir(t), suite.model);
  const { page, consoleErrors } = await openPage(t, suite.browser, served.url);

  await page.getByRole('button', { name: 'Policy', exact: true }).click();
  const roseRow = page.getByRole('row', { name: /ROSE required/ });
  await roseRow.waitFor();
  assert.match((await roseRow.textContent()) ?? '', /yes🔒 Managed by Test School/);
  assert.match((await page.getByRole('row', { name: /Export/ }).textContent()) ?? '', /Default/);

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByText('Changing settings is turned off.').waitFor();
  assert.equal(await page.getByRole('radio', { name: 'Dark' }).isDisabled(), true);
  assert.match((await page.locator('.locked-badge').textContent()) ?? '', /Managed by Test School/);

  await page.getByRole('button', { name: 'Chat', exact: true }).click();
  await page.getByRole('checkbox', { name: 'ROSE' }).uncheck();
  await page.getByRole('textbox', { name: 'Message' }).fill('Tell me something');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  const refusal = page.getByRole('alert').filter({ hasText: 'Refused by policy' });
  await refusal.waitFor();
  assert.match((await refusal.textContent()) ?? '', /ROSE cannot be turned off.*Managed by Test School/);
  assert.equal(await page.getByRole('article', { name: 'Rose' }).count(), 0);

  // A window in Spanish (the browser's language) says the same refusal in Spanish.
  const spanish = localeTexts('es', 'policy');
  const messageBox: string = localeTexts('es', 'composer').message.label;
  const es = await openPage(t, suite.browser, served.url, { locale: 'es-MX', messageBox });
  await es.page.getByRole('checkbox', { name: 'ROSE' }).uncheck();
  await es.page.getByRole('textbox', { name: messageBox }).fill('Cuéntame algo');
  await es.page.getByRole('textbox', { name: messageBox }).press('Enter');
  const spanishRefusal = es.page.getByRole('alert').filter({ hasText: spanish.rules.roseRequired });
  await spanishRefusal.waitFor();
  const spanishText = (await spanishRefusal.textContent()) ?? '';
  assert.ok(spanishText.includes(spanish.refusal.reasons.roseRequired), spanishText);
  assert.ok(spanishText.includes(spanish.setBy.managed.replace('{{org}}', 'Test School')), spanishText);
  // The refused request is an expected, handled answer; the page logged no errors for it.
  assert.deepEqual(
    consoleErrors.filter((e) => !/policy/i.test(e)),
    [],
  );
});
