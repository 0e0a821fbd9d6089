import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.js';
import { createRose } from '../../app/createRose.js';
import { isLoopback, newAccessToken, parseAllowedHost } from '../../server/access.js';
import { defaultRendererDir } from '../../server/rendererDir.js';
import { startRoseServer } from '../../server/roseServer.js';
import { resolveDataDir } from '../../services/dataDir.js';
import { numberFlag } from '../args.js';
import { dataDirOption } from '../store.js';

export const summary =
  'Serve the app to a browser on this machine: page + WebSocket, protected by a token (--port, --host, --model).';

const DEFAULT_PORT = 7311;

export const usage =
  'usage: rose serve [--port N] [--host ADDRESS [--allow-remote]] [--allowed-host NAME]... [--no-token] [--model FILE] [--threads N] [--data-dir DIR]';

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

  const rose = await createRose({
    dataDir: resolve(resolveDataDir(values['data-dir'])),
    threads,
    modelPath: values.model,
    shell: 'serve',
  });
  let server: Awaited<ReturnType<typeof startRoseServer>>;
  try {
    server = await startRoseServer({
      rose,
      host,
      port,
      token,
      allowedHostNames,
      rendererDir: defaultRendererDir(),
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
