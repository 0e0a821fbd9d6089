import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.js';
import { AuditLog } from '../../services/audit/auditLog.js';
import { backupsDir, listBackups } from '../../services/autoBackup.js';
import { backupTo, checkDatabase, restoreDatabase } from '../../services/backupService.js';
import { resolveDataDir } from '../../services/dataDir.js';
import { loadPolicyEnforcer } from '../../services/policy/loadPolicy.js';
import { dataDirOption, printJson, withStore } from '../store.js';

export const summary =
  "Rose's database: backup FILE (online, safe while Rose runs), check, restore FILE|--latest (from a backup).";

export const usage =
  'usage: rose db backup FILE [--force] | check [--json] | restore FILE|--latest [--json] | backups [--json]  (all take --data-dir DIR)';

/** Every flag `rose db` takes; also listed by `rose db --help`. */
export const options = {
  ...dataDirOption,
  json: { type: 'boolean' },
  force: { type: 'boolean' },
  /** restore: the newest automatic backup in <data>/backups. */
  latest: { type: 'boolean' },
} as const;

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
          `${result.dataDir}: integrity ${result.integrity}, search index ${result.searchIndex}, schema ${result.schemaVersion}\n`,
        );
      return result.integrity === 'ok' && result.searchIndex === 'ok' ? 0 : 1;
    }
    case 'backups': {
      const dir = resolveDataDir(values['data-dir']);
      const backups = listBackups(dir).map((b) => ({ file: b.file, at: new Date(b.at).toISOString() }));
      if (values.json) printJson(backups);
      else if (backups.length === 0) process.stdout.write(`no automatic backups in ${backupsDir(dir)} yet\n`);
      else process.stdout.write(backups.map((b) => `${b.at}  ${b.file}\n`).join(''));
      return 0;
    }
    case 'restore': {
      const dir = resolveDataDir(values['data-dir']);
      if (Boolean(target) === Boolean(values.latest))
        throw new UserError('bad-argument', 'usage: rose db restore FILE | rose db restore --latest');
      const source = target ? resolve(target) : listBackups(dir)[0]?.file;
      if (!source)
        throw new UserError(
          'no-backup',
          `there is no automatic backup in ${backupsDir(dir)}; name a backup file instead`,
        );
      const result = restoreDatabase(dir, source);
      if (values.json) printJson(result);
      else
        process.stdout.write(
          `restored the database from ${result.restoredFrom}${result.keptAs ? `; the previous file was kept as ${result.keptAs}` : ''}\n`,
        );
      return 0;
    }
    default:
      throw new UserError('bad-command', usage);
  }
}
