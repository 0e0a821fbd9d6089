import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isUserError, UserError } from '../../../shared/errors.js';
import type { SyntheticTemplate } from './chatTemplates.js';
import {
  benchmarkModelOptions,
  defaultSyntheticOptions,
  type SyntheticModelOptions,
  writeSyntheticModel,
} from './syntheticModel.js';

/**
 * `npm run model:make -- --out FILE [flags]`: writes a synthetic GGUF test model. Runs on its own
 * (package.json script) and also exports `summary`/`run` in the shape of a `rose` sub-command.
 */

export const summary = 'Write a synthetic Llama GGUF test model with seeded random weights';

const usage = `Usage: npm run model:make -- --out FILE [options]

  --out FILE          where to write the .gguf (required)
  --vocab N           vocabulary size (default ${defaultSyntheticOptions.vocabSize})
  --layers N          transformer blocks (default ${defaultSyntheticOptions.layers})
  --embd N            embedding width (default ${defaultSyntheticOptions.embeddingLength})
  --heads N           attention heads (default ${defaultSyntheticOptions.headCount})
  --kv-heads N        key/value heads (default: ${defaultSyntheticOptions.headCountKv}, or --heads when given)
  --ff N              feed-forward width (default ${defaultSyntheticOptions.feedForwardLength})
  --context N         llama.context_length (default ${defaultSyntheticOptions.contextLength})
  --dtype f32|f16     matrix storage (default ${defaultSyntheticOptions.dtype})
  --seed N            weight seed (default ${defaultSyntheticOptions.seed})
  --template chatml|none   chat template (default ${defaultSyntheticOptions.template})
  --tied              reuse the token embedding as the output matrix
  --context-gain X    scale of the attention outputs, 0..4 (default ${defaultSyntheticOptions.contextGain});
                      small values make ROSE change few tokens, as on real models
  --benchmark         start from the benchmark shape (12 layers x 768, f16, tied) instead of the tiny one
`;

const integerFlags = {
  vocab: 'vocabSize',
  layers: 'layers',
  embd: 'embeddingLength',
  heads: 'headCount',
  'kv-heads': 'headCountKv',
  ff: 'feedForwardLength',
  context: 'contextLength',
  seed: 'seed',
} as const satisfies Record<string, keyof SyntheticModelOptions>;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      out: { type: 'string' },
      ...Object.fromEntries(Object.keys(integerFlags).map((flag) => [flag, { type: 'string' as const }])),
      dtype: { type: 'string' },
      template: { type: 'string' },
      tied: { type: 'boolean' },
      'context-gain': { type: 'string' },
      benchmark: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (typeof values.out !== 'string' || values.out === '') {
    throw new UserError('missing-flag', '--out FILE is required (where to write the model)');
  }
  const overrides: Partial<SyntheticModelOptions> = {};
  for (const [flag, key] of Object.entries(integerFlags)) {
    const text = (values as Record<string, unknown>)[flag];
    if (typeof text === 'string') overrides[key] = parseWholeNumber(flag, text);
  }
  // A model with fewer heads than the default key/value heads should not fail on a flag not given.
  if (overrides.headCount !== undefined && overrides.headCountKv === undefined) {
    overrides.headCountKv = overrides.headCount;
  }
  if (values.dtype !== undefined) overrides.dtype = values.dtype as SyntheticModelOptions['dtype'];
  if (values.template !== undefined) overrides.template = values.template as SyntheticTemplate;
  if (values.tied) overrides.tiedOutput = true;
  if (values['context-gain'] !== undefined) overrides.contextGain = Number(values['context-gain']);
  const base = values.benchmark
    ? benchmarkModelOptions(overrides.vocabSize ?? 32_000)
    : { ...defaultSyntheticOptions };
  const started = performance.now();
  const written = await writeSyntheticModel(resolve(values.out), { ...base, ...overrides }).catch(
    (error: unknown) => {
      throw asFileError(error, resolve(values.out as string));
    },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const megabytes = (written.bytes / 1_000_000).toFixed(1);
  const millions = (written.parameterCount / 1_000_000).toFixed(2);
  process.stdout.write(`wrote ${written.path}: ${millions}M parameters, ${megabytes} MB, in ${seconds} s\n`);
  return 0;
}

function parseWholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new UserError('bad-flag', `--${flag} must be a whole number, not "${text}"`);
  }
  return Number(text);
}

/** File-system failures are the user's to fix (a missing folder, no permission, a full disk). */
function asFileError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'its folder does not exist',
    ENOTDIR: 'a part of the path is not a folder',
    EISDIR: 'it is a folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
  };
  const reason = code === undefined ? undefined : reasons[code];
  return reason === undefined ? error : new UserError('cannot-write', `cannot write ${path}: ${reason}`);
}

function isMainModule(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const parseError = (error as { code?: unknown })?.code;
      if (isUserError(error) || (typeof parseError === 'string' && parseError.startsWith('ERR_PARSE_ARGS'))) {
        process.stderr.write(`model:make: ${(error as Error).message}\n`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`model:make: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
        process.exitCode = 1;
      }
    },
  );
}
