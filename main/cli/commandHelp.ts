import type { CommandModule } from './commands/index.js';

/** True when the arguments ask for help (`--help` or `-h` before a `--` that ends the flags). */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** `rose <command> --help`: the synopsis, the summary and every flag the command's parser accepts. */
export function commandHelp(module: CommandModule): string {
  const flags = Object.entries(module.options)
    .map(([name, option]) => {
      const short = option.short ? `-${option.short}, ` : '    ';
      return `  ${short}--${name}${option.type === 'string' ? ' VALUE' : ''}`;
    })
    .sort((a, b) => a.trimStart().replace(/^-., /, '').localeCompare(b.trimStart().replace(/^-., /, '')));
  const synopsis = module.usage.replace(/^usage: /i, 'Usage: ');
  return `${synopsis}\n\n${module.summary}\n\nOptions:\n${flags.join('\n')}\n  -h, --help\n`;
}
