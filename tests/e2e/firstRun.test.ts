import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { type ModelFileServer, startModelFileServer } from '../support/modelFileServer.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';
import {
  launchChromium,
  missingPrerequisite,
  openPage,
  screenshot,
  sendAndWait,
  startServe,
} from './support/e2e.js';

/**
 * The first run in headless Chromium: `rose serve` with an empty data folder, a model downloaded
 * from a local HTTP server (real sockets, Range support, throttled so the bar moves), then a reply.
 */

const skip = missingPrerequisite() ?? false;
let browser: Browser;
let server: ModelFileServer;

before(async () => {
  if (skip) return;
  server = await startModelFileServer(readFileSync(await getTinyModel()), 'tiny-rose.gguf');
  // ~830 KB at 32 KB a tick every 100 ms: a few seconds, many progress events (one per 250 ms).
  server.throttle = { bytesPerTick: 32 * 1024, tickMs: 100 };
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('first run: hardware, download with a moving progress bar, ready, then a ROSE reply', {
  skip,
}, async (t) => {
  const served = await startServe(t, tempDir(t), null);
  const { page, consoleErrors } = await openPage(t, browser, served.url);

  const panel = page.getByRole('region', { name: 'Getting started' });
  await panel.getByRole('heading', { name: 'Welcome to Rose' }).waitFor();
  await panel.getByRole('list', { name: 'This computer' }).or(panel.locator('dl.hardware')).first().waitFor();
  assert.match((await panel.locator('dl.hardware').textContent()) ?? '', /CPU.*cores/);

  // Record every value the bar shows, in the page, so none is missed between polls.
  await page.evaluate(`(() => {
    window.__progress = [];
    const seen = (el) => {
      const v = el.getAttribute('aria-valuenow');
      if (v !== null && window.__progress.at(-1) !== Number(v)) window.__progress.push(Number(v));
    };
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[role=progressbar]')) seen(el);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  })()`);

  await panel.getByRole('textbox', { name: 'Model link' }).fill(server.url);
  await panel.getByRole('button', { name: 'Download from link' }).click();
  const bar = panel.getByRole('progressbar', { name: 'Downloading tiny-rose.gguf' });
  await bar.waitFor();
  await panel.getByText(/ of .* · .*\/s · /).waitFor();
  await screenshot(page, 'first-run');

  await panel.getByRole('heading', { name: 'Ready' }).waitFor({ timeout: 60_000 });
  const values = (await page.evaluate('window.__progress')) as number[];
  assert.ok(values.length >= 2, `the bar moved at least twice: ${JSON.stringify(values)}`);
  assert.deepEqual(
    values,
    [...values].sort((a, b) => a - b),
    'the bar never goes back',
  );
  assert.ok(values[0]! < 100, `the bar started below 100: ${JSON.stringify(values)}`);
  assert.equal(server.requests.filter((r) => r.status === 200 || r.status === 206).length > 0, true);

  await sendAndWait(page, 'Hello there');
  const reply = page.getByRole('article', { name: 'Rose' }).last();
  assert.match(
    (await reply.locator('.chip').textContent()) ?? '',
    /^Safety steering changed (none|\d+) of \d+ words?/,
  );

  await page.getByRole('button', { name: 'Models' }).click();
  const local = page.getByRole('listitem', { name: /tiny|rose/i }).filter({ hasText: 'Loaded' });
  await local.waitFor();
  await page.getByRole('heading', { name: 'Catalog' }).waitFor();
  await page.locator('.catalog-item').first().locator('.fit').waitFor();
  await screenshot(page, 'models');
  assert.deepEqual(consoleErrors, []);
});

test('a bad link gives a clear error and the first-run panel stays usable', { skip }, async (t) => {
  const served = await startServe(t, tempDir(t), null);
  const { page, consoleErrors } = await openPage(t, browser, served.url);
  const panel = page.getByRole('region', { name: 'Getting started' });
  await panel.getByRole('textbox', { name: 'Model link' }).fill('ftp://example.invalid/model.gguf');
  await panel.getByRole('button', { name: 'Download from link' }).click();
  await panel
    .getByRole('alert')
    .getByText(/neither a catalog id nor a URI/)
    .waitFor();

  const missing = new URL(server.url);
  missing.pathname = '/files/absent.gguf';
  await panel.getByRole('textbox', { name: 'Model link' }).fill(missing.href);
  await panel.getByRole('button', { name: 'Download from link' }).click();
  await panel
    .getByRole('alert')
    .getByText(/The download failed/)
    .waitFor();
  await panel.getByRole('button', { name: 'Try again' }).waitFor();
  assert.deepEqual(consoleErrors, []);
});
