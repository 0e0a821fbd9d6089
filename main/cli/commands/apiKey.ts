import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.js';
import { ApiKeys } from '../../services/apiKeys.js';
import { resolveDataDir } from '../../services/dataDir.js';
import { dataDirOption, printJson } from '../store.js';

export const summary = 'Keys for the local OpenAI-compatible API: new [--name N], list, revoke ID|NAME.';

export const usage =
  'usage: rose api-key new [--name NAME] [--json] | list [--json] | revoke ID|NAME  (all take --data-dir DIR)';

/** Every flag `rose api-key` takes; also listed by `rose api-key --help`. */
export const options = { ...dataDirOption, name: { type: 'string' }, json: { type: 'boolean' } } as const;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  const dataDir = resolveDataDir(values['data-dir']);
  const keys = new ApiKeys(dataDir);
  const [action, target, ...extra] = positionals;
  if (extra.length > 0) throw new UserError('bad-args', `unexpected '${extra.join(' ')}'. ${usage}`);
  switch (action) {
    case 'new': {
      mkdirSync(dataDir, { recursive: true });
      const { record, key } = keys.create(values.name ?? 'api key');
      if (values.json) printJson({ ...record, key });
      else
        process.stdout.write(
          `API key: ${key}\nid ${record.id} (${record.name}). It is shown only now: Rose keeps only its hash.\n`,
        );
      return 0;
    }
    case 'list': {
      const records = keys.list();
      if (values.json) printJson(records);
      else if (records.length === 0) process.stdout.write('no API keys (rose api-key new makes one)\n');
      else
        for (const r of records)
          process.stdout.write(
            `${r.id}  ${r.name.padEnd(20)} created ${r.createdAt}${r.revokedAt ? `  revoked ${r.revokedAt}` : ''}\n`,
          );
      return 0;
    }
    case 'revoke': {
      if (!target) throw new UserError('bad-args', usage);
      const count = keys.revoke(target);
      if (count === 0)
        throw new UserError('api-key-not-found', `no live API key with id or name '${target}'`);
      process.stdout.write(`revoked ${count} key${count === 1 ? '' : 's'}\n`);
      return 0;
    }
    default:
      throw new UserError('bad-args', usage);
  }
}
