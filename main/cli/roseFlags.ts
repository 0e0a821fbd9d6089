import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePresetFile } from '../../shared/presetFile.js';
import { defaultBuiltinPresetsDir } from '../services/builtinPresets.js';
import { UserError } from '../../shared/errors.js';
import type { RoseSettings, SamplingSettings } from '../engine/types.js';
import { numberFlag } from './args.js';

/** Sampling flags: temperature 0 (the default) is greedy, as in the ROSE paper. */
export const samplingFlagOptions = {
  temperature: { type: 'string' },
  'top-k': { type: 'string' },
  'top-p': { type: 'string' },
  seed: { type: 'string' },
} as const;

/** Flags shared by every command that generates text. */
export const generationFlagOptions = {
  model: { type: 'string' },
  safe: { type: 'string' },
  reverse: { type: 'string' },
  preset: { type: 'string' },
  alpha: { type: 'string' },
  beta: { type: 'string' },
  off: { type: 'boolean' },
  'max-tokens': { type: 'string' },
  ...samplingFlagOptions,
  threads: { type: 'string' },
  context: { type: 'string' },
} as const;

export type GenerationFlags = Partial<Record<keyof typeof generationFlagOptions, string | boolean>>;

/** The newest version of a preset file: the prompts and weights `generate` and `bench` use. */
type PresetPrompts = { safePrompt: string; reversePrompt: string; alpha: number; beta: number };

/** The default preset (built-in "manual reverse") when no --preset or --safe/--reverse is given. */
export async function defaultPresetPrompts(): Promise<PresetPrompts> {
  return readPresetPrompts(join(defaultBuiltinPresetsDir(), 'manual-reverse.json'));
}

export async function roseSettingsFromFlags(flags: GenerationFlags): Promise<RoseSettings> {
  const preset =
    typeof flags.preset === 'string' ? await readPresetPrompts(flags.preset) : await defaultPresetPrompts();
  if ((flags.safe === undefined) !== (flags.reverse === undefined) && flags.preset === undefined) {
    throw new UserError('bad-flag', 'Give --safe and --reverse together (or a --preset file).');
  }
  return {
    safePrompt: typeof flags.safe === 'string' ? flags.safe : preset.safePrompt,
    reversePrompt: typeof flags.reverse === 'string' ? flags.reverse : preset.reversePrompt,
    alpha: numberFlag('alpha', flags.alpha as string | undefined, preset.alpha, { min: 0, max: 10 }),
    beta: numberFlag('beta', flags.beta as string | undefined, preset.beta, { min: 0, max: 1 }),
    enabled: flags.off !== true,
  };
}

export function samplingFromFlags(
  flags: Partial<Record<keyof typeof samplingFlagOptions, string>>,
): SamplingSettings {
  return {
    temperature: numberFlag('temperature', flags.temperature, 0, { min: 0, max: 5 }),
    topK: numberFlag('top-k', flags['top-k'], 0, { min: 0, integer: true }),
    topP: numberFlag('top-p', flags['top-p'], 1, { min: 0, max: 1 }),
    seed: numberFlag('seed', flags.seed, 0, {
      min: 0,
      max: 2 ** 32 - 1,
      integer: true,
    }),
  };
}

async function readPresetPrompts(path: string): Promise<PresetPrompts> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new UserError('preset-not-found', `Preset file not found: ${path}.`);
  });
  const { versions } = parsePresetFile(text);
  return versions[versions.length - 1]!;
}
