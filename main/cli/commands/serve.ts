import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.js';
import { createRose } from '../../app/createRose.js';
import { isLoopback, newAccessToken, parseAllowedHost } from '../../server/access.js';
import { defaultRendererDir } from '../../server/rendererDir.js';
import { startRoseServer } from '../../server/roseServer.js';
import { resolveDataDir } from '../../services/dataDir.js';
import { ApiKeys, SERVE_KEY_NAME } from '../../services/apiKeys.js';
import { numberFlag } from '../args.js';
import { dataDirOption } from '../store.js';

export const summary =
  'Serve the app to a browser on this machine: page + WebSocket, protected by a token (--port, --host, --model); --api adds the OpenAI-compatible API.';

const DEFAULT_PORT = 7311;

export const usage =
  'usage: rose serve [--port N] [--host ADDRESS [--allow-remote]] [--allowed-host NAME]... [--no-token] [--api [--api-cors ORIGIN]...] [--model FILE] [--threads N] [--data-dir DIR]';

/** Every flag `rose serve` takes; also listed by `rose serve --help`. */
export const options = {
  ...dataDirOption,
  port: { type: 'string' },
  host: { type: 'string' },
  'allow-remote': { type: 'boolean' },
  model: { type: 'string' },
  threads: { type: 'string' },
  'no-token': { type: 'boolean' },
  'allowed-host': { type: 'string', multiple: true },
  api: { type: 'boolean' },
  'api-cors': { type: 'string', multiple: true },
} as const;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options,
  });
  if (positionals.length > 0) throw new UserError('bad-args', `unexpected '${positionals.join(' ')}'`);
  const port = numberFlag('port', values.port, DEFAULT_PORT, { min: 0, max: 65535, integer: true });
  const threads =
    values.threads === undefined
      ? undefined
      : numberFlag('threads', values.threads, 1, { min: 1, max: 256, integer: true });
  const host = values.host ?? '127.0.0.1';
  if (!isLoopback(host) && !values['allow-remote']) {
    throw new UserError(
      'remote-not-allowed',
      `--host ${host} lets other machines reach Rose; add --allow-remote if you mean it (the token is still required)`,
    );
  }
  const allowedHostNames = (values['allowed-host'] ?? []).map(parseAllowedHost);
  const token = values['no-token'] ? null : newAccessToken();
  if (token === null) {
    process.stderr.write(
      'rose: warning: --no-token: anyone who can reach this address can read and write your conversations\n',
    );
  }

  const corsOrigins = (values['api-cors'] ?? []).map(parseOrigin);
  if (corsOrigins.length > 0 && !values.api) throw new UserError('bad-args', '--api-cors needs --api');
  const dataDir = resolve(resolveDataDir(values['data-dir']));
  const rose = await createRose({
    dataDir,
    threads,
    modelPath: values.model,
    shell: 'serve',
    api: values.api === true,
  });
  // Each start makes a fresh key for this server and revokes the one the last start printed.
  const apiKey = values.api ? newServeKey(new ApiKeys(dataDir)) : null;
  let server: Awaited<ReturnType<typeof startRoseServer>>;
  try {
    server = await startRoseServer({
      rose,
      host,
      port,
      token,
      allowedHostNames,
      rendererDir: defaultRendererDir(),
      ...(values.api ? { api: { keys: new ApiKeys(dataDir), corsOrigins } } : {}),
    });
  } catch (error) {
    await rose.dispose();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new UserError(
        'port-in-use',
        `port ${port} is in use; pick another with --port (0 = any free port)`,
      );
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new UserError('bad-host', `cannot listen on ${host}: no such address on this machine`);
    throw error;
  }
  process.stdout.write(`Rose is running at ${server.url}\n`);
  if (apiKey !== null) process.stdout.write(`API: ${server.apiUrl}\nAPI key: ${apiKey}\n`);

  // Ctrl+C or a service manager's TERM: stop replies (kept as stopped), free the model, close the database.
  return new Promise<number>((done) => {
    const shutdown = () => {
      process.off('SIGINT', shutdown);
      process.off('SIGTERM', shutdown);
      process.stderr.write('rose: shutting down\n');
      void server
        .close()
        .then(() => rose.dispose())
        .then(
          () => done(0),
          (error: Error) => {
            process.stderr.write(`rose: error while shutting down: ${error.message}\n`);
            done(1);
          },
        );
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });
}

function newServeKey(keys: ApiKeys): string {
  keys.revoke(SERVE_KEY_NAME);
  return keys.create(SERVE_KEY_NAME).key;
}

/** `--api-cors https://app.example`: a browser origin (scheme, host and port; no path). */
function parseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError('bad-args', `--api-cors ${value}: give an origin such as http://localhost:3000`);
  }
  if (url.origin === 'null' || `${url.origin}/` !== url.href.replace(/\/?$/, '/'))
    throw new UserError('bad-args', `--api-cors ${value}: give only the origin (${url.origin}), no path`);
  return url.origin;
}
