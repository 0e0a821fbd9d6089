/**
 * Every `rose` sub-command, loaded on demand so `rose --help` stays instant and a command only
 * pays for the modules it uses. Add one line per command.
 */
export type CommandModule = {
  /** One line for `rose --help`. */
  summary: string;
  /** The synopsis line `rose <command> --help` starts with. */
  usage: string;
  /** The command's flags (node:util parseArgs options), listed by `rose <command> --help`. */
  options: Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>>;
  run(args: string[]): Promise<number>;
};

export const commands: Record<string, () => Promise<CommandModule>> = {
  generate: () => import('./generate.js'),
  bench: () => import('./bench.js'),
  chat: () => import('./chat.js'),
  chats: () => import('./chats.js'),
  presets: () => import('./presets.js'),
  db: () => import('./db.js'),
  hardware: () => import('./hardware.js'),
  models: () => import('./models.js'),
  doctor: () => import('./doctor.js'),
  serve: () => import('./serve.js'),
  policy: () => import('./policy.js'),
  eval: () => import('./eval.js'),
  'api-key': () => import('./apiKey.js'),
  family: () => import('./family.js'),
  audit: () => import('./audit.js'),
};
