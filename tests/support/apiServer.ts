import type { TestContext } from 'node:test';
import OpenAI from 'openai';
import type { Rose } from '../../main/app/createRose.js';
import { newAccessToken } from '../../main/server/access.js';
import { startRoseServer } from '../../main/server/roseServer.js';
import { ApiKeys } from '../../main/services/apiKeys.js';

/** How long the official client waits for one answer from the generated test models. */
export const CLIENT_TIMEOUT_MS = 60_000;

/**
 * A real server on 127.0.0.1 serving `rose`'s /v1 API, a fresh key for it, and the official
 * `openai` client pointed at it (no retries: a test sees every answer). Closed after the test.
 */
export async function serveApi(t: TestContext | null, rose: Rose, dataDir: string, tmp: string) {
  const keys = new ApiKeys(dataDir);
  const { key } = keys.create('test');
  const server = await startRoseServer({
    rose,
    host: '127.0.0.1',
    port: 0,
    token: newAccessToken(),
    rendererDir: tmp,
    api: { keys },
  });
  t?.after(() => server.close());
  const client = new OpenAI({
    apiKey: key,
    baseURL: server.apiUrl!,
    maxRetries: 0,
    timeout: CLIENT_TIMEOUT_MS,
  });
  return { server, client, key };
}
