import assert from 'node:assert/strict';
import { test } from 'node:test';
import WebSocket from 'ws';
import { tempDir } from '../support/tempData.js';
import { chromiumSuite, startServe } from './support/e2e.js';

/** Serve mode lets in only those who have its token: page, assets and socket alike. */

const suite = chromiumSuite();
const { skip } = suite;

/** How the server answers a WebSocket upgrade: 'open', or the HTTP status it refused with. */
function socketOutcome(url: string, origin: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers: { origin } });
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => resolve(String(response.statusCode)));
    socket.once('error', (error) => resolve(`error: ${error.message}`));
  });
}

test('a page or socket without the token is refused; with it, the app opens', { skip }, async (t) => {
  const served = await startServe(t, tempDir(t), suite.model);
  const socketBase = `${served.origin.replace('http', 'ws')}/rose-socket`;

  assert.equal(await socketOutcome(socketBase, served.origin), '401');
  assert.equal(await socketOutcome(`${socketBase}?token=wrong`, served.origin), '401');
  assert.equal(await socketOutcome(`${socketBase}?token=${served.token}`, served.origin), 'open');

  const context = await suite.browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const refused = await page.goto(`${served.origin}/`);
  assert.equal(refused?.status(), 401);
  assert.equal(await page.getByRole('textbox', { name: 'Message' }).count(), 0);
  assert.match((await page.textContent('body')) ?? '', /access token/);

  // With the token the app loads, and the token no longer shows in the address bar.
  await page.goto(served.url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  assert.equal(new URL(page.url()).searchParams.has('token'), false);
});
