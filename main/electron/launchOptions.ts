import { parseArgs } from 'node:util';

/** What `electron . [--data-dir D] [--model FILE] [--threads N]` (or the packaged app) was given. */
export type LaunchOptions = { dataDir?: string; modelPath?: string; threads?: number };

/**
 * Reads Rose's own flags from the command line, ignoring everything else (Chromium switches, the
 * app path `.` in development, macOS's -psn_ argument). Pure, so it is tested under Node.
 */
export function parseLaunchOptions(argv: readonly string[]): LaunchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      model: { type: 'string' },
      threads: { type: 'string' },
    },
  });
  const options: LaunchOptions = {};
  const text = (name: string) => {
    const value = values[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '')
      throw new Error(`--${name} needs a value, e.g. --${name}=VALUE`);
    return value;
  };
  const dataDir = text('data-dir');
  if (dataDir !== undefined) options.dataDir = dataDir;
  const modelPath = text('model');
  if (modelPath !== undefined) options.modelPath = modelPath;
  const threads = text('threads');
  if (threads !== undefined) {
    if (!/^[1-9]\d{0,2}$/.test(threads))
      throw new Error(`--threads must be a whole number from 1 to 999, not "${threads}"`);
    options.threads = Number(threads);
  }
  return options;
}
