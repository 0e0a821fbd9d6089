import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import WebSocket from 'ws';
import { SOCKET_PATH, type RoseEvent, type SocketServerMessage } from '../../shared/contract/index.js';
import { createRose } from '../../main/app/createRose.js';
import { newAccessToken } from '../../main/server/access.js';
import { startRoseServer } from '../../main/server/roseServer.js';
import { ROSE_BIN, runRose } from '../support/runCli.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Open a socket; resolves with it, or with the HTTP status the upgrade was refused with. */
function connect(
  port: number,
  query: string,
  headers: Record<string, string> = {},
): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${SOCKET_PATH}${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

/** A client that numbers requests and keeps every event. */
function client(ws: WebSocket) {
  const events: RoseEvent[] = [];
  const replies = new Map<unknown, (message: SocketServerMessage) => void>();
  const raw: SocketServerMessage[] = [];
  let onEvent = () => {};
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as SocketServerMessage;
    raw.push(message);
    if ('event' in message) {
      events.push(message.event);
      onEvent();
    } else replies.get(message.id)?.(message);
  });
  let next = 1;
  return {
    events,
    raw,
    call(channel: string, input?: unknown) {
      const id = next++;
      ws.send(JSON.stringify({ id, channel, input }));
      return new Promise<SocketServerMessage>((resolve) => replies.set(id, resolve));
    },
    /** Send raw text; the next reply without a known id answers it. */
    sendRaw(text: string) {
      ws.send(text);
      return new Promise<SocketServerMessage>((resolve) => replies.set(null, resolve));
    },
    until(match: (e: RoseEvent) => boolean) {
      return new Promise<RoseEvent>((resolve) => {
        const check = () => {
          const found = events.find(match);
          if (found) resolve(found);
        };
        onEvent = check;
        check();
      });
    },
  };
}

test('serve mode: token on every HTTP request and socket, contract over the socket, coalesced streaming', async (t) => {
  const dataDir = tempDir(t);
  const rendererDir = join(tempDir(t), 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Rose test page</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  const rose = await createRose({ dataDir, threads: 1, modelPath: await getTinyModel(), log: () => {} });
  t.after(() => rose.dispose());
  const token = newAccessToken();
  const server = await startRoseServer({ rose, host: '127.0.0.1', port: 0, token, rendererDir });
  t.after(() => server.close());
  const { port } = server;
  assert.equal(server.url, `http://127.0.0.1:${port}/?token=${token}`);

  // HTTP: refused without the token (page and assets), traded for a cookie with it.
  assert.equal((await get(port, '/')).status, 401);
  assert.equal((await get(port, '/assets/app.js')).status, 401);
  assert.equal((await get(port, `/?token=${'0'.repeat(64)}`)).status, 401);
  const entry = await get(port, `/?token=${token}`);
  assert.equal(entry.status, 303);
  assert.equal(entry.headers.location, '/');
  const cookie = String(entry.headers['set-cookie']);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const cookieHeader = cookie.split(';')[0]!;
  const page = await get(port, '/', { cookie: cookieHeader });
  assert.equal(page.status, 200);
  assert.match(page.body, /Rose test page/);
  assert.match(String(page.headers['content-security-policy']), /default-src 'none'.*script-src 'self'/);
  assert.equal((await get(port, '/assets/app.js', { cookie: cookieHeader })).status, 200);
  assert.doesNotMatch((await get(port, '/../../etc/passwd', { cookie: cookieHeader })).body, /root:/);
  assert.equal(
    (await get(port, '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd', { cookie: cookieHeader })).status,
    404,
  );
  assert.equal(
    (await get(port, '/', { cookie: cookieHeader, host: `attacker.example:${port}` })).status,
    421,
  );

  // Socket: refused without the token or from another site's page; accepted by query or cookie.
  assert.equal(await connect(port, ''), 401);
  assert.equal(await connect(port, '?token=nope'), 401);
  assert.equal(await connect(port, `?token=${token}`, { origin: 'http://attacker.example' }), 403);
  const byCookie = await connect(port, '', { cookie: cookieHeader, origin: `http://127.0.0.1:${port}` });
  assert.ok(byCookie instanceof WebSocket);
  byCookie.close();
  const ws = await connect(port, `?token=${token}`);
  assert.ok(ws instanceof WebSocket);
  t.after(() => ws.close());
  const c = client(ws);

  // Request and response; malformed messages get an error answer and the socket carries on.
  const current = await c.call('app:models.current');
  assert.ok('result' in current && current.result.ok);
  for (const text of ['not json', '[1,2]', '{"channel":"app:models.current"}']) {
    const answer = await c.sendRaw(text);
    assert.ok(
      'result' in answer && !answer.result.ok && answer.result.error.code === 'invalid-request',
      text,
    );
  }
  const unknown = await c.call('app:chats.explode', {});
  assert.ok('result' in unknown && !unknown.result.ok && unknown.result.error.code === 'unknown-channel');
  const bad = await c.call('app:chats.rename', { conversationId: 1, title: 3 });
  assert.ok('result' in bad && !bad.result.ok && bad.result.error.field === 'title');
  const stillThere = await c.call('app:presets.list');
  assert.ok('result' in stillThere && stillThere.result.ok);

  // A chat reply streams: deltas with increasing, gap-free sequence ranges, then finished.
  const sent = await c.call('app:chats.send', { text: 'Hello, who are you?', maxTokens: 60 });
  assert.ok('result' in sent && sent.result.ok, JSON.stringify(sent));
  const messageId = (sent.result.value as { assistantMessage: { id: number } }).assistantMessage.id;
  const finished = await c.until((e) => e.type === 'chat.finished' && e.messageId === messageId);
  assert.ok(finished.type === 'chat.finished' && finished.message.status === 'complete');
  const deltas = c.events.filter((e) => e.type === 'chat.delta' && e.messageId === messageId);
  assert.ok(deltas.length > 0);
  let expected = 0;
  for (const d of deltas) {
    assert.ok(d.type === 'chat.delta');
    assert.equal(d.fromSeq, expected, 'each delta starts where the last ended');
    assert.ok(d.seq >= d.fromSeq);
    expected = d.seq + 1;
  }
  assert.equal(expected - 1, finished.lastSeq, 'every engine delta arrived');
  assert.ok(deltas.length <= finished.lastSeq + 1, 'coalescing never adds messages');
  assert.equal(deltas.map((d) => (d.type === 'chat.delta' ? d.text : '')).join(''), finished.message.text);
  const types = c.events.map((e) => e.type);
  assert.ok(types.indexOf('chat.started') < types.indexOf('chat.delta'));
  assert.equal(types.lastIndexOf('chat.delta') < types.indexOf('chat.finished'), true);
});

test('serve mode without a built renderer shows how to build it', async (t) => {
  const rose = await createRose({ dataDir: tempDir(t), threads: 1, log: () => {} });
  t.after(() => rose.dispose());
  const server = await startRoseServer({
    rose,
    host: '127.0.0.1',
    port: 0,
    token: null,
    rendererDir: join(tempDir(t), 'missing'),
  });
  t.after(() => server.close());
  assert.equal(server.url, `http://127.0.0.1:${server.port}/`);
  const page = await get(server.port, '/');
  assert.equal(page.status, 200);
  assert.match(page.body, /npm run build:renderer/);
});

test('rose serve prints its address once, refuses a remote host without --allow-remote, and stops cleanly', async (t) => {
  const dataDir = tempDir(t);
  const refused = await runRose(['serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', dataDir]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /--allow-remote/);

  const child = spawn(
    process.execPath,
    [ROSE_BIN, 'serve', '--port', '0', '--data-dir', dataDir, '--threads', '1'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    child.on('close', () => reject(new Error(`rose serve ended early: ${stderr}`)));
  });
  const match = /^Rose is running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64})$/.exec(line);
  assert.ok(match, line);
  const entry = await get(Number(match[1]), `/?token=${match[2]}`);
  assert.equal(entry.status, 303);
  child.kill('SIGTERM');
  assert.equal(await exited, 0, stderr);
  assert.equal(stdout, `${line}\n`, 'the address is printed exactly once');
});
