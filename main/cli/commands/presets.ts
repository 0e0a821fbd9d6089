import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { deriveUsableReverse } from '../../../shared/deriveReverse.js';
import type { Preset } from '../../../shared/domain.js';
import { UserError } from '../../../shared/errors.js';
import { SEED_MAX } from '../../../shared/generationLimits.js';
import { exportPreset, importPresetFile } from '../../services/presetTransfer.js';
import * as presets from '../../services/presetsService.js';
import { numberFlag } from '../args.js';
import { checkChannelPolicy } from '../policyGate.js';
import { dataDirOption, printJson, withStore } from '../store.js';

export const summary =
  'Reverse-prompt presets: list, show ID, export ID, import FILE, duplicate ID, delete ID, derive-reverse TEXT.';

export const usage =
  'usage: rose presets list|show ID|export ID [-o FILE]|import FILE|duplicate ID [--name N]|delete ID|derive-reverse TEXT [--method opposite|random] [--seed N]';

/** Every flag `rose presets` takes; also listed by `rose presets --help`. */
export const options = {
  ...dataDirOption,
  json: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  name: { type: 'string' },
  method: { type: 'string' },
  seed: { type: 'string' },
  all: { type: 'boolean' },
} as const;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options,
  });
  const [action, ...rest] = positionals;

  // Deriving needs no database: it is a pure function of the text.
  if (action === 'derive-reverse') {
    const text = rest.join(' ');
    if (!text.trim()) throw new UserError('missing-text', 'give the safe prompt to derive from');
    const method = values.method ?? 'opposite';
    if (method !== 'opposite' && method !== 'random')
      throw new UserError('bad-flag', '--method must be opposite or random');
    const seed = numberFlag('seed', values.seed, 1, { min: 0, max: SEED_MAX, integer: true });
    const reversePrompt = deriveUsableReverse(text, { method, seed });
    if (values.json)
      printJson({ safePrompt: text, reversePrompt, method, ...(method === 'random' ? { seed } : {}) });
    else process.stdout.write(`${reversePrompt}\n`);
    return 0;
  }

  return withStore(values['data-dir'], async (db, dataDir) => {
    const id = () => {
      if (!rest[0]) throw new UserError('bad-argument', `give a preset number or built-in key. ${usage}`);
      return rest[0];
    };
    switch (action) {
      case 'list': {
        const list = presets.listPresets(db, { includeDeleted: values.all === true });
        if (values.json) printJson(list);
        else for (const p of list) process.stdout.write(`${line(p)}\n`);
        return 0;
      }
      case 'show': {
        const preset = presets.getPreset(db, id());
        const versions = presets.listVersions(db, preset.id);
        if (values.json) {
          printJson({ ...preset, versions });
          return 0;
        }
        process.stdout.write(`${line(preset)}\n${preset.description}\n`);
        for (const v of versions) {
          process.stdout.write(
            `\nversion ${v.number} (id ${v.id}, ${v.method}, α ${v.alpha}, β ${v.beta}, ${new Date(v.createdAt).toISOString()})\n` +
              `  safe:    ${v.safePrompt}\n  reverse: ${v.reversePrompt}\n`,
          );
        }
        return 0;
      }
      case 'export': {
        await checkChannelPolicy(db, dataDir, 'app:presets.export', {
          presetId: presets.getPreset(db, id()).id,
        });
        const text = exportPreset(db, id());
        if (values.output) writeFileSync(values.output, text);
        else process.stdout.write(text);
        return 0;
      }
      case 'import': {
        await checkChannelPolicy(db, dataDir, 'app:presets.import', { text: await readPresetText(id()) });
        const preset = presets.getPreset(db, importPresetFile(db, id()).id);
        if (values.json) printJson(preset);
        else process.stdout.write(`imported: ${line(preset)}\n`);
        return 0;
      }
      case 'duplicate': {
        await checkChannelPolicy(db, dataDir, 'app:presets.duplicate', {
          presetId: presets.getPreset(db, id()).id,
        });
        const copy = presets.duplicatePreset(db, presets.getPreset(db, id()).id, values.name);
        if (values.json) printJson(copy);
        else process.stdout.write(`created: ${line(copy)}\n`);
        return 0;
      }
      case 'delete': {
        await checkChannelPolicy(db, dataDir, 'app:presets.delete', {
          presetId: presets.getPreset(db, id()).id,
        });
        presets.deletePreset(db, presets.getPreset(db, id()).id);
        return 0;
      }
      default:
        throw new UserError('bad-command', usage);
    }
  });
}

function line(p: Preset): string {
  const tags = [
    p.builtinKey ? `built-in '${p.builtinKey}'` : 'user',
    `v${p.latest.number}`,
    p.latest.method,
    `α ${p.latest.alpha}`,
  ];
  if (p.deletedAt !== null) tags.push('deleted');
  return `${String(p.id).padStart(4)}  ${p.name}  (${tags.join(', ')})`;
}

/** The file's text for the policy check; a missing file is reported by the import itself. */
async function readPresetText(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}
