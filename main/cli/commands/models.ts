import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.js';
import { formatBytes } from '../../models/diskSpace.js';
import { resolveDataDir } from '../../services/dataDir.js';
import { ModelLibrary } from '../../services/models.js';
import { numberFlag } from '../args.js';
import { runDownload } from '../downloadCli.js';
import { checkChannelPolicy } from '../policyGate.js';
import { formatLocalModel, formatParameters } from '../modelsFormat.js';
import { dataDirOption, printJson } from '../store.js';

export const summary =
  'Manage models: catalog, list, download URI, import FILE [--copy], remove ID, info FILE.';

export const usage =
  'usage: rose models catalog|list [--json] | download URI [--sha256 HEX] [--timeout SECONDS] [--json] | import FILE [--copy] | remove ID | info FILE [--json]  (all take --data-dir DIR)';

/** Every flag `rose models` takes; also listed by `rose models --help`. */
export const options = {
  ...dataDirOption,
  json: { type: 'boolean' },
  copy: { type: 'boolean' },
  sha256: { type: 'string' },
  /** Seconds to wait for the server's answer and, while downloading, for its next bytes. */
  timeout: { type: 'string' },
} as const;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options,
  });
  const [action, target, ...extra] = positionals;
  if (extra.length > 0) throw new UserError('bad-args', `unexpected '${extra.join(' ')}'. ${usage}`);
  const library = new ModelLibrary({ dataDir: resolve(resolveDataDir(values['data-dir'])) });
  const json = values.json ?? false;
  switch (action) {
    case 'catalog':
      return catalog(library, json);
    case 'list':
      return list(library, json);
    case 'download':
      await checkChannelPolicy(null, resolveDataDir(values['data-dir']), 'app:models.download', {
        uri: required(target, 'URI'),
      });
      return runDownload(library, required(target, 'URI'), {
        sha256: values.sha256,
        json,
        ...(values.timeout === undefined ? {} : { timeoutMs: timeoutFlag(values.timeout) }),
      });
    case 'import': {
      await checkChannelPolicy(null, resolveDataDir(values['data-dir']), 'app:models.import', {
        path: resolve(required(target, 'FILE')),
      });
      const model = await library.import(required(target, 'FILE'), { copy: values.copy ?? false });
      if (json) printJson(model);
      else process.stdout.write(`imported ${model.id} (${model.storage}): ${model.path}\n`);
      return 0;
    }
    case 'remove': {
      const removed = await library.remove(required(target, 'ID'));
      if (json) printJson(removed);
      else {
        const fate = removed.storage === 'referenced' ? 'unlisted; the file was left in place' : 'deleted';
        process.stdout.write(`removed ${removed.id} (${fate})\n`);
      }
      return 0;
    }
    case 'info':
      return info(library, required(target, 'FILE'), json);
    default:
      throw new UserError('bad-args', action ? `unknown models action '${action}'. ${usage}` : usage);
  }
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new UserError('bad-args', `missing ${name}. ${usage}`);
  return value;
}

async function catalog(library: ModelLibrary, json: boolean): Promise<number> {
  const { models } = await library.catalog();
  if (json) {
    printJson(models);
    return 0;
  }
  for (const entry of models) {
    const variants = entry.variants.map(
      (variant) => `${variant.quantization} ${formatBytes(variant.approxSizeBytes)}`,
    );
    process.stdout.write(
      `${entry.id.padEnd(26)} ${formatParameters(entry.parameters).padStart(6)}  ctx ${String(entry.contextLength).padEnd(7)} ${entry.licence}\n` +
        `${' '.repeat(28)}${entry.description}\n${' '.repeat(28)}${variants.join(', ')}\n`,
    );
  }
  return 0;
}

async function list(library: ModelLibrary, json: boolean): Promise<number> {
  const models = await library.list();
  if (json) printJson(models);
  else if (models.length === 0)
    process.stdout.write("no models yet — 'rose models download ID' or 'rose models import FILE'\n");
  else for (const model of models) process.stdout.write(`${formatLocalModel(model)}\n`);
  return 0;
}

async function info(library: ModelLibrary, path: string, json: boolean): Promise<number> {
  const { inspected: _inspected, ...details } = await library.info(path);
  if (json) {
    printJson(details);
    return 0;
  }
  const meta = details.metadata;
  const lines = [
    ['file', details.path],
    ['size', formatBytes(details.sizeBytes)],
    ['name', meta.name ?? '(none)'],
    ['architecture', meta.architecture],
    ['parameters', `${formatParameters(meta.parameters)} (${meta.parameters})`],
    ['quantization', meta.quantization],
    ['context length', String(meta.contextLength)],
    ['layers', String(meta.layers)],
    ['chat template', meta.hasChatTemplate ? 'yes' : 'no (a generic chat format will be used)'],
    ['GGUF version', String(meta.ggufVersion)],
    ['registered as', details.registeredAs ?? '(not imported)'],
  ];
  for (const [key, value] of lines) process.stdout.write(`${key!.padEnd(15)} ${value}\n`);
  return 0;
}

/** `--timeout S`: between 0.05 s (tests) and one hour. */
function timeoutFlag(value: string): number {
  return Math.round(numberFlag('timeout', value, 30, { min: 0.05, max: 3600 }) * 1000);
}
