import type { TestContext } from 'node:test';
import WebSocket from 'ws';
import type { Rose } from '../../main/app/createRose.js';
import { newAccessToken } from '../../main/server/access.js';
import { startRoseServer } from '../../main/server/roseServer.js';
import { type Result, SOCKET_PATH, type SocketServerMessage } from '../../shared/contract/index.js';
import { tempDir } from './tempData.js';

/** One contract call as a test makes it, whatever the transport. */
export type Call = (channel: string, input: unknown) => Promise<Result<unknown>>;

/**
 * `rose` served on 127.0.0.1 with a token, and a WebSocket client of it as a browser tab would
 * open it: each call is one `{id, channel, input}` message, answered by its result. Both close
 * after the test.
 */
export async function socketCaller(t: TestContext, rose: Rose): Promise<Call> {
  const token = newAccessToken();
  const server = await startRoseServer({ rose, host: '127.0.0.1', port: 0, token, rendererDir: tempDir(t) });
  t.after(() => server.close());
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${SOCKET_PATH}?token=${token}`, {
    headers: { origin: `http://127.0.0.1:${server.port}` },
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  t.after(() => ws.close());
  const pending = new Map<number, (result: Result<unknown>) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as SocketServerMessage;
    if ('id' in message && typeof message.id === 'number')
      pending.get(message.id)?.(message.result as Result<unknown>);
  });
  let next = 1;
  return (channel, input) =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, channel, input }));
    });
}
