import { z } from 'zod';
import type { Preset, PresetVersion, ReverseMethod } from '../domain.js';
import { DEFAULT_ALPHA, SEED_MAX } from '../generationLimits.js';
import { PRESET_FILE_MAX_BYTES } from '../presetFile.js';
import { channel } from './channel.js';
import { alphaField, betaField, type ExportedFile, presetIdField } from './fields.js';

const PROMPT_MAX_CHARS = 32_000;

const prompt = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .refine((s) => s.trim().length > 0, { error: `${what} must not be empty` })
    .refine((s) => s.length <= PROMPT_MAX_CHARS, {
      error: `${what} is longer than ${PROMPT_MAX_CHARS} characters`,
    });

const nameField = z
  .string({ error: 'the name must be text' })
  .trim()
  .min(1, { error: 'the name must not be empty' })
  .max(100, { error: 'the name is longer than 100 characters' });
const descriptionField = z
  .string({ error: 'the description must be text' })
  .max(2000, { error: 'the description is longer than 2000 characters' });
const methodField = z.enum(['manual', 'opposite', 'random'], {
  error: "method must be 'manual', 'opposite' or 'random'",
});

/** A preset with its whole version history, oldest first. */
export type PresetDetails = { preset: Preset; versions: PresetVersion[] };

const presetRef = z.strictObject({ presetId: presetIdField });

/** Reverse-prompt presets: built-ins (read-only) and the user's own, versioned. */
export const presetChannels = {
  'app:presets.list': channel<Preset[]>()(
    z.strictObject({ includeDeleted: z.boolean().optional() }).default({}),
  ),
  'app:presets.get': channel<PresetDetails>()(presetRef),
  'app:presets.create': channel<Preset>()(
    z.strictObject({
      name: nameField,
      description: descriptionField.optional(),
      safePrompt: prompt('the safe prompt'),
      reversePrompt: prompt('the reverse prompt'),
      /** Left out: the Standard strength, never the α 1 that makes harmless answers worse. */
      alpha: alphaField.default(DEFAULT_ALPHA),
      beta: betaField,
      method: methodField,
    }),
  ),
  /**
   * Rename and/or change settings of a user preset. Changed settings add a version (old versions
   * never change: replies point at them); fields left out keep the latest version's value.
   */
  'app:presets.update': channel<Preset>()(
    z.strictObject({
      presetId: presetIdField,
      name: nameField.optional(),
      description: descriptionField.optional(),
      safePrompt: prompt('the safe prompt').optional(),
      reversePrompt: prompt('the reverse prompt').optional(),
      alpha: alphaField.optional(),
      beta: betaField.optional(),
      method: methodField.optional(),
    }),
  ),
  /** A user copy of any preset (built-ins included) holding its latest settings. */
  'app:presets.duplicate': channel<Preset>()(
    z.strictObject({ presetId: presetIdField, name: nameField.optional() }),
  ),
  /** Hide a user preset; replies made with it keep their provenance. */
  'app:presets.delete': channel<{ presetId: Preset['id'] }>()(presetRef),
  /** Add a preset from preset-file JSON text (`.rose-preset.json`). */
  'app:presets.import': channel<Preset>()(
    z.strictObject({
      text: z
        .string({ error: 'the preset file must be text' })
        .max(PRESET_FILE_MAX_BYTES, { error: 'the preset file is larger than 256 KiB' }),
    }),
  ),
  /** A preset and all its versions as preset-file JSON. */
  'app:presets.export': channel<ExportedFile>()(presetRef),
  /** Suggest a reverse prompt for a safe prompt (opposite words, or random words). */
  'app:presets.deriveReverse': channel<{ reversePrompt: string; method: ReverseMethod }>()(
    z.strictObject({
      safePrompt: prompt('the safe prompt'),
      method: z.enum(['opposite', 'random'], { error: "method must be 'opposite' or 'random'" }),
      seed: z.int().min(0).max(SEED_MAX).optional(),
    }),
  ),
};
