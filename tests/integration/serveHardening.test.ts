import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { SOCKET_PATH } from '../../shared/contract/index.js';
import { createRose } from '../../main/app/createRose.js';
import { cookieName, newAccessToken } from '../../main/server/access.js';
import { startRoseServer } from '../../main/server/roseServer.js';
import { getRequest, rawRequest, upgradeRequest } from '../support/httpProbe.js';
import { ROSE_BIN, runRose } from '../support/runCli.js';
import { tempDir } from '../support/tempData.js';

/** A server on `host` with a small built renderer, no model. */
async function startServer(
  t: TestContext,
  options: { host?: string; token?: string | null; allowedHostNames?: string[] } = {},
) {
  const rendererDir = join(tempDir(t), 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Rose test page</title>');
  const rose = await createRose({ dataDir: tempDir(t), threads: 1, log: () => {} });
  t.after(() => rose.dispose());
  const token = options.token === undefined ? newAccessToken() : options.token;
  const server = await startRoseServer({
    rose,
    host: options.host ?? '127.0.0.1',
    port: 0,
    token,
    rendererDir,
    ...(options.allowedHostNames ? { allowedHostNames: options.allowedHostNames } : {}),
  });
  t.after(() => server.close());
  return { server, token, rendererDir, port: server.port };
}

/** The page answers: the server survived whatever came before. */
async function assertStillServing(port: number, headers: Record<string, string>) {
  const page = await rawRequest(port, getRequest(port, '/', headers));
  assert.equal(page.status, 200, page.head);
  assert.match(page.body, /Rose test page/);
}

test('upgrade requests with an undecodable cookie or an unparsable target are refused and the server stays up', {
  timeout: 60_000,
}, async (t) => {
  const { port, token } = await startServer(t);
  const name = cookieName(port);
  const cookie = { Cookie: `${name}=${token}` };

  const badCookie = await rawRequest(port, upgradeRequest(port, SOCKET_PATH, { Cookie: `${name}=%ZZ` }));
  assert.equal(badCookie.status, 401);
  const badTarget = await rawRequest(port, upgradeRequest(port, `//[::1${SOCKET_PATH}`));
  assert.equal(badTarget.status, 400);
  const badHttpTarget = await rawRequest(port, getRequest(port, `//[::1/`, cookie));
  assert.equal(badHttpTarget.status, 400);
  const badHttpCookie = await rawRequest(port, getRequest(port, '/', { Cookie: `${name}=%ZZ` }));
  assert.equal(badHttpCookie.status, 401);

  // A planted cookie of the same name (from a page on another port) does not hide the real one.
  const planted = await rawRequest(
    port,
    upgradeRequest(port, SOCKET_PATH, { Cookie: `${name}=%ZZ; ${name}=planted; ${name}=${token}` }),
  );
  assert.equal(planted.status, 101);
  await assertStillServing(port, cookie);
});

test('redirects after the token trade stay on this server', { timeout: 60_000 }, async (t) => {
  const { port, token } = await startServer(t);
  const origin = `http://127.0.0.1:${port}`;
  for (const target of [
    `/.//evil.example/?token=${token}`,
    `//evil.example/?token=${token}`,
    `/%2F%2Fevil.example/?token=${token}`,
    `/.%2F/evil.example?token=${token}`,
    `/./\\evil.example/?token=${token}`,
    `http://evil.example/?token=${token}`,
  ]) {
    const answer = await rawRequest(port, getRequest(port, target));
    assert.equal(answer.status, 303, target);
    const location = /\r\nlocation: *([^\r\n]*)/i.exec(answer.head)?.[1];
    assert.ok(location !== undefined, target);
    assert.equal(new URL(location, origin).origin, origin, `${target} → ${location}`);
    assert.doesNotMatch(location, /token=/);
  }
});

test('a wildcard bind without a token still refuses other host names (DNS rebinding)', {
  timeout: 60_000,
}, async (t) => {
  const { port } = await startServer(t, { host: '0.0.0.0', token: null, allowedHostNames: ['rose.lan'] });
  const attacker = `attacker.example:${port}`;
  const page = await rawRequest(port, getRequest(port, '/', { Host: attacker }));
  assert.equal(page.status, 421);
  const socket = await rawRequest(
    port,
    upgradeRequest(port, SOCKET_PATH, { Host: attacker, Origin: `http://${attacker}` }),
  );
  assert.equal(socket.status, 403);
  // A page of the attacker's site cannot open the socket either, even naming an allowed Host.
  const fromAttackerPage = await rawRequest(
    port,
    upgradeRequest(port, SOCKET_PATH, { Origin: `http://${attacker}` }),
  );
  assert.equal(fromAttackerPage.status, 403);

  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `rose.lan:${port}`]) {
    const allowed = await rawRequest(port, getRequest(port, '/', { Host: host }));
    assert.equal(allowed.status, 200, host);
    const upgraded = await rawRequest(
      port,
      upgradeRequest(port, SOCKET_PATH, { Host: host, Origin: `http://${host}` }),
    );
    assert.equal(upgraded.status, 101, host);
  }
});

test('rose serve --host 0.0.0.0 --allow-remote --no-token refuses a rebound host name', {
  timeout: 60_000,
}, async (t) => {
  const badName = await runRose([
    'serve',
    '--allowed-host',
    'rose.lan:80',
    '--port',
    '0',
    '--data-dir',
    tempDir(t),
  ]);
  assert.equal(badName.code, 2);
  assert.match(badName.stderr, /^rose: --allowed-host 'rose\.lan:80' is not a host name/);
  const child = spawn(
    process.execPath,
    [
      ROSE_BIN,
      'serve',
      '--host',
      '0.0.0.0',
      '--allow-remote',
      '--no-token',
      '--allowed-host',
      'Rose.LAN',
      '--port',
      '0',
      '--data-dir',
      tempDir(t),
      '--threads',
      '1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  t.after(() => child.kill('SIGKILL'));
  let stdout = '';
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    child.on('close', () => reject(new Error('rose serve ended early')));
  });
  const port = Number(/:(\d+)\/$/.exec(line)?.[1]);
  assert.ok(port > 0, line);
  assert.equal((await rawRequest(port, getRequest(port, '/', { Host: `evil.example:${port}` }))).status, 421);
  assert.notEqual((await rawRequest(port, getRequest(port, '/', { Host: `rose.lan:${port}` }))).status, 421);
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});

test('a file that fails while it is sent ends that response only', {
  timeout: 60_000,
  skip: !existsSync('/proc/self/mem'),
}, async (t) => {
  const { port, token, rendererDir } = await startServer(t);
  // /proc/self/mem is a regular file whose first read fails (EIO): a stand-in for a file that
  // disappears or breaks after it was found, which no timing can reproduce reliably.
  symlinkSync('/proc/self/mem', join(rendererDir, 'assets', 'broken.js'));
  const cookie = { Cookie: `${cookieName(port)}=${token}` };
  const broken = await rawRequest(port, getRequest(port, '/assets/broken.js', cookie));
  assert.doesNotMatch(broken.body, /Rose test page/);
  await assertStillServing(port, cookie);
});
