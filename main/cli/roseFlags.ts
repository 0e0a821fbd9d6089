import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { samplingField } from '../../shared/contract/fields.js';
import {
  ALPHA_MAX,
  ALPHA_MIN,
  BETA_MAX,
  DEFAULT_PRESET_KEY,
  DEFAULT_SAMPLING,
} from '../../shared/generationLimits.js';
import type { PresetRef } from '../../shared/policy/presetAllowlist.js';
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
  return readPresetPrompts(join(defaultBuiltinPresetsDir(), `${DEFAULT_PRESET_KEY}.json`));
}

/** The default preset as the policy's allowlist names it (a built-in, by key, at its latest version). */
export async function defaultPresetRef(): Promise<PresetRef> {
  const text = await readFile(join(defaultBuiltinPresetsDir(), `${DEFAULT_PRESET_KEY}.json`), 'utf8');
  return { presetId: 0, version: parsePresetFile(text).versions.length, builtinKey: DEFAULT_PRESET_KEY };
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
    alpha: numberFlag('alpha', flags.alpha as string | undefined, preset.alpha, {
      min: ALPHA_MIN,
      max: ALPHA_MAX,
    }),
    beta: numberFlag('beta', flags.beta as string | undefined, preset.beta, { min: 0, max: BETA_MAX }),
    enabled: flags.off !== true,
  };
}

/** Sampling flags, checked against the contract's own limits (the same ones every window obeys). */
export function samplingFromFlags(
  flags: Partial<Record<keyof typeof samplingFlagOptions, string>>,
): SamplingSettings {
  const given = {
    temperature: numberOrText(flags.temperature),
    topK: numberOrText(flags['top-k']),
    topP: numberOrText(flags['top-p']),
    seed: numberOrText(flags.seed),
  };
  const parsed = samplingField.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = { temperature: 'temperature', topK: 'top-k', topP: 'top-p', seed: 'seed' }[
      String(issue.path[0]) as keyof typeof given
    ];
    const value = flags[flag as keyof typeof flags];
    throw new UserError('bad-flag', `--${flag} ${rangeText(issue)}, got '${value}'.`);
  }
  return { ...DEFAULT_SAMPLING, ...stripUndefined(parsed.data) };
}

/** A flag's text as a number when it is one (else as is, so the schema names it as wrong). */
function numberOrText(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  return value.trim() !== '' && Number.isFinite(parsed) ? parsed : value;
}

/** The contract's limit in the CLI's words, e.g. "must be > 0". */
function rangeText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small') return `must be ${issue.inclusive ? '≥' : '>'} ${issue.minimum}`;
  if (issue.code === 'too_big') return `must be ${issue.inclusive ? '≤' : '<'} ${issue.maximum}`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be an integer';
  return 'must be a number';
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}

async function readPresetPrompts(path: string): Promise<PresetPrompts> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new UserError('preset-not-found', `Preset file not found: ${path}.`);
  });
  const { versions } = parsePresetFile(text);
  return versions[versions.length - 1]!;
}
