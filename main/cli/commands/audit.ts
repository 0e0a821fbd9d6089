import { parseArgs } from 'node:util';
import {
  AUDIT_LIST_DEFAULT,
  AUDIT_LIST_MAX,
  type AuditExportFormat,
  auditExportFormats,
} from '../../../shared/contract/audit.js';
import { UserError } from '../../../shared/errors.js';
import { withCliRose } from '../contractClient.js';
import { readSecretLines } from '../secretInput.js';
import { dataDirOption, printJson } from '../store.js';

export const summary =
  'The tamper-evident audit log: list, verify (the HMAC chain; exit 1 at a broken link), export --format jsonl|csv|cef.';

export const usage = `usage: rose audit list [--limit N] [--json] | verify [--json] | export [--format ${auditExportFormats.join('|')}] (all with [--data-dir D]; in child mode also --pin-stdin)`;

/** Every flag `rose audit` takes; also listed by `rose audit --help`. */
export const options = {
  ...dataDirOption,
  json: { type: 'boolean' },
  format: { type: 'string' },
  limit: { type: 'string' },
  'pin-stdin': { type: 'boolean' },
} as const;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  const verb = positionals[0];
  if (verb !== 'list' && verb !== 'verify' && verb !== 'export') throw new UserError('bad-argument', usage);
  const format = (values.format ?? 'jsonl') as AuditExportFormat;
  if (!auditExportFormats.includes(format))
    throw new UserError('bad-flag', `--format is one of ${auditExportFormats.join(', ')}`);
  const limit = values.limit === undefined ? AUDIT_LIST_DEFAULT : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_LIST_MAX)
    throw new UserError('bad-flag', `--limit is a whole number from 1 to ${AUDIT_LIST_MAX}`);
  return withCliRose(
    { dataDir: values['data-dir'], log: (m) => process.stderr.write(`rose: ${m}\n`) },
    async (cli) => {
      if (values['pin-stdin']) {
        const [pin] = await readSecretLines(1, 'PIN');
        await cli.call('app:family.unlock', { pin: pin! });
      }
      switch (verb) {
        case 'list': {
          const entries = await cli.call('app:audit.list', { limit });
          if (values.json) printJson(entries);
          else
            for (const e of [...entries].reverse())
              process.stdout.write(
                `${String(e.seq).padStart(5)} ${e.at} ${e.type.padEnd(16)} ${e.actor.padEnd(7)} ${e.transport ?? '-'} ${JSON.stringify(e.detail)}\n`,
              );
          return 0;
        }
        case 'verify': {
          const report = await cli.call('app:audit.verify', {});
          if (values.json) printJson(report);
          else if (report.ok)
            process.stdout.write(`The audit log is intact: ${report.entries} entries, every link checks.\n`);
          else
            process.stdout.write(
              `The audit log is broken at entry ${report.firstBroken?.seq}: ${report.firstBroken?.problem}.\n`,
            );
          return report.ok ? 0 : 1;
        }
        case 'export': {
          const { text } = await cli.call('app:audit.export', { format });
          process.stdout.write(text);
          return 0;
        }
      }
    },
  );
}
