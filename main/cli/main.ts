import { isUserError } from '../../shared/errors.js';
import { storageUserError } from '../services/storageErrors.js';
import { asksForHelp, commandHelp } from './commandHelp.js';
import { commands } from './commands/index.js';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const lines = await Promise.all(
      Object.entries(commands).map(
        async ([command, load]) => `  ${command.padEnd(10)} ${(await load()).summary}`,
      ),
    );
    process.stdout.write(`Usage: rose <command> [options]\n\nCommands:\n${lines.join('\n')}\n`);
    return 0;
  }
  const load = commands[name];
  if (!load) throw new CliUsageError(`unknown command '${name}'. Run 'rose --help' for the list.`);
  const module = await load();
  if (asksForHelp(rest)) {
    process.stdout.write(commandHelp(module));
    return 0;
  }
  return module.run(rest);
}

class CliUsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // User errors are one clear line; anything else is a bug and keeps its stack for the report.
    if ((error as { code?: string })?.code?.startsWith?.('ERR_PARSE_ARGS')) {
      const command = process.argv[2];
      process.stderr.write(
        `rose: ${(error as Error).message} ('rose ${command} --help' lists the options)\n`,
      );
      process.exitCode = 2;
    } else if (storageUserError(error, 'your data')) {
      process.stderr.write(`rose: ${storageUserError(error, 'your data')?.message}\n`);
      process.exitCode = 2;
    } else if (isUserError(error) || error instanceof CliUsageError) {
      process.stderr.write(`rose: ${(error as Error).message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`rose: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
