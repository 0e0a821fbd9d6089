import { parseArgs } from 'node:util';
import type { FamilyStatus } from '../../../shared/contract/family.js';
import { UserError } from '../../../shared/errors.js';
import { type CliRose, withCliRose } from '../contractClient.js';
import { readSecretLines } from '../secretInput.js';
import { dataDirOption, printJson } from '../store.js';

export const summary =
  'The family lock: set-pin, child on|off, set KEY VALUE, recover, status. PINs are read from stdin (--pin-stdin), never from arguments.';

export const usage =
  'usage: rose family set-pin --pin-stdin | child on|off --pin-stdin | set KEY [VALUE] --pin-stdin | recover --code-stdin (code, then new PIN) | status [--json] (all with [--data-dir D])';

/** Every flag `rose family` takes; also listed by `rose family --help`. */
export const options = {
  ...dataDirOption,
  json: { type: 'boolean' },
  'pin-stdin': { type: 'boolean' },
  'code-stdin': { type: 'boolean' },
} as const;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  const [verb, ...rest] = positionals;
  const needPin = () => {
    if (!values['pin-stdin'])
      throw new UserError('bad-flag', `rose family ${verb} needs --pin-stdin (the PIN on standard input)`);
  };
  return withCliRose({ dataDir: values['data-dir'], log: cliLog }, async (cli) => {
    switch (verb) {
      case 'status': {
        const status = await cli.call('app:family.status', {});
        if (values.json) printJson(status);
        else process.stdout.write(formatStatus(status));
        return 0;
      }
      case 'set-pin': {
        if (rest.length > 0)
          throw new UserError(
            'bad-argument',
            'a PIN is never taken as an argument: pipe it on standard input with --pin-stdin',
          );
        needPin();
        const { pinSet } = await cli.call('app:family.status', {});
        // Changing a PIN takes the current one first, then the new one.
        const lines = await readSecretLines(
          pinSet ? 2 : 1,
          pinSet ? 'current PIN, then the new PIN' : 'new PIN',
        );
        const { recoveryCode } = await cli.call(
          'app:family.setPin',
          pinSet ? { currentPin: lines[0]!, pin: lines[1]! } : { pin: lines[0]! },
        );
        process.stdout.write(
          `PIN set. Recovery code (shown only now; keep it somewhere safe, away from the child):\n${recoveryCode}\n`,
        );
        return 0;
      }
      case 'child': {
        const [state] = rest;
        if (state !== 'on' && state !== 'off') throw new UserError('bad-argument', usage);
        needPin();
        await unlock(cli);
        const status = await cli.call('app:family.setChildMode', { on: state === 'on' });
        process.stdout.write(`Child mode is ${status.childMode ? 'on' : 'off'}.\n`);
        return 0;
      }
      case 'set': {
        const [key, value] = rest;
        if (!key) throw new UserError('bad-argument', usage);
        needPin();
        await unlock(cli);
        await cli.call('app:family.set', value === undefined ? { key } : { key, value: parseValue(value) });
        process.stdout.write(value === undefined ? `${key} removed.\n` : `${key} set.\n`);
        return 0;
      }
      case 'recover': {
        if (!values['code-stdin'])
          throw new UserError(
            'bad-flag',
            'rose family recover needs --code-stdin (the recovery code on standard input)',
          );
        // The parent session the code opens ends with this command, so the new PIN comes with it.
        const [code, pin] = await readSecretLines(2, 'the recovery code, then the new PIN');
        await cli.call('app:family.recover', { code: code! });
        const { recoveryCode } = await cli.call('app:family.setPin', { pin: pin! });
        process.stdout.write(
          `Recovered; the new PIN is set. New recovery code (shown only now; the old one no longer works):\n${recoveryCode}\n`,
        );
        return 0;
      }
      default:
        throw new UserError('bad-argument', usage);
    }
  });
}

async function unlock(cli: CliRose): Promise<void> {
  const [pin] = await readSecretLines(1, 'PIN');
  await cli.call('app:family.unlock', { pin: pin! });
}

/** A value as JSON when it parses (true, 0.7, ["a"]), else as text ("Example School"). */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function formatStatus(status: FamilyStatus): string {
  const lines = [
    `PIN:            ${status.pinSet ? 'set' : 'not set'}`,
    `Child mode:     ${status.childMode ? 'on' : 'off'}${status.tampered ? ' (the family record was altered: Rose is locked; use rose family recover)' : ''}`,
    `Locked out:     ${status.lockedOutUntil ? `until ${status.lockedOutUntil}` : 'no'}`,
    `Tries left:     ${status.attemptsLeft} before a lockout`,
    `Recovery code:  ${status.recoveryAvailable ? 'unused' : 'used or none'}`,
    'Family values:',
    ...(Object.keys(status.values).length
      ? Object.entries(status.values).map(([key, value]) => `  ${key.padEnd(22)} ${JSON.stringify(value)}`)
      : ['  none']),
  ];
  return `${lines.join('\n')}\n`;
}

function cliLog(message: string): void {
  process.stderr.write(`rose: ${message}\n`);
}
