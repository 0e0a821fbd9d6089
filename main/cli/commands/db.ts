import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.js';
import { AuditLog } from '../../services/audit/auditLog.js';
import { backupTo, checkDatabase } from '../../services/backupService.js';
import { loadPolicyEnforcer } from '../../services/policy/loadPolicy.js';
import { dataDirOption, printJson, withStore } from '../store.js';

export const summary = "Rose's database: backup FILE (online, safe while Rose runs), check.";

export const usage = 'usage: rose db backup FILE [--force] | check [--json]  (both take --data-dir DIR)';

/** Every flag `rose db` takes; also listed by `rose db --help`. */
export const options = { ...dataDirOption, json: { type: 'boolean' }, force: { type: 'boolean' } } as const;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options,
  });
  const [action, target] = positionals;
  switch (action) {
    case 'backup': {
      if (!target) throw new UserError('bad-argument', 'usage: rose db backup FILE');
      const destination = resolve(target);
      if (existsSync(destination) && !values.force) {
        throw new UserError(
          'file-exists',
          `${destination} already exists; choose another name or pass --force`,
        );
      }
      const result = await withStore(values['data-dir'], async (db, dir) => {
        const done = await backupTo(db, destination, { overwrite: values.force });
        const policy = await loadPolicyEnforcer(dir);
        new AuditLog({
          dataDir: dir,
          withDb: (work) => work(db),
          level: () => policy.values().auditLevel,
        }).record({
          type: 'backup',
          actor: 'user',
          transport: 'cli',
          detail: { file: done.file, bytes: done.bytes },
        });
        return done;
      });
      if (values.json) printJson(result);
      else process.stdout.write(`backed up to ${result.file} (${result.bytes} bytes)\n`);
      return 0;
    }
    case 'check': {
      const result = await withStore(values['data-dir'], (db, dir) => ({
        dataDir: dir,
        ...checkDatabase(db),
      }));
      if (values.json) printJson(result);
      else
        process.stdout.write(
          `${result.dataDir}: integrity ${result.integrity}, schema ${result.schemaVersion}\n`,
        );
      return result.integrity === 'ok' ? 0 : 1;
    }
    default:
      throw new UserError('bad-command', 'usage: rose db backup FILE [--force] | rose db check');
  }
}
