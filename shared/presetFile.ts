import { z } from 'zod';
import { UserError } from './errors.js';
import { ALPHA_MAX, BETA_MAX } from './generationLimits.js';

/**
 * The preset file format (`.rose-preset.json`): what `rose presets export` writes and `import` reads.
 * Ids are not part of it (an import gets new ones), so export → import → export gives the same bytes.
 */

export const PRESET_FILE_FORMAT = 'rose.preset';
export const PRESET_FILE_VERSION = 1;
/** Larger files are refused before they are parsed: a preset is a few kilobytes of text. */
export const PRESET_FILE_MAX_BYTES = 256 * 1024;

const MAX_PROMPT_CHARS = 32_000;
/** Allowed weights (the same limits apply to presets made in the app), re-exported for its readers. */
export { ALPHA_MAX, BETA_MAX } from './generationLimits.js';

const text = (what: string, min: number, max: number) =>
  z
    .string({ error: `${what} must be text` })
    .min(min, { error: min === 1 ? `${what} must not be empty` : `${what} is too short` })
    .max(max, { error: `${what} is longer than ${max} characters` });

const weight = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .min(0, { error: `${what} must be at least 0` })
    .max(max, { error: `${what} must be at most ${max}` });

const versionSchema = z.strictObject({
  safePrompt: text('the safe prompt', 1, MAX_PROMPT_CHARS),
  reversePrompt: text('the reverse prompt', 1, MAX_PROMPT_CHARS),
  alpha: weight('alpha', ALPHA_MAX),
  beta: weight('beta', BETA_MAX),
  method: z.enum(['manual', 'opposite', 'random'], {
    error: "method must be 'manual', 'opposite' or 'random'",
  }),
  createdAt: z.iso.datetime({ error: 'createdAt must be an ISO date-time such as 2025-01-31T12:00:00.000Z' }),
});

export const presetFileSchema = z.strictObject({
  format: z.literal(PRESET_FILE_FORMAT),
  version: z.literal(PRESET_FILE_VERSION),
  name: text('the name', 1, 100),
  description: text('the description', 0, 2000),
  versions: z
    .array(versionSchema, { error: 'versions must be a list' })
    .min(1, { error: 'a preset needs at least one version' })
    .max(1000, { error: 'a preset file holds at most 1000 versions' }),
});

/** A parsed preset file; versions oldest first. */
export type PresetFile = z.infer<typeof presetFileSchema>;
export type PresetFileVersion = z.infer<typeof versionSchema>;

/** One problem in a preset file: where (`versions[0].alpha`) and what. */
export type FieldProblem = { field: string; problem: string };

/** A preset file that cannot be imported; `problems` lists every field that is wrong. */
export class PresetFileError extends UserError {
  constructor(
    readonly problems: FieldProblem[],
    summary?: string,
  ) {
    super(
      'preset-file-invalid',
      summary ??
        `invalid preset file: ${problems.map((p) => (p.field ? `${p.field}: ${p.problem}` : p.problem)).join('; ')}`,
    );
  }
}

/** Read a preset file's text; throws PresetFileError naming each bad field. */
export function parsePresetFile(source: string): PresetFile {
  const bytes = new TextEncoder().encode(source).length;
  if (bytes > PRESET_FILE_MAX_BYTES) {
    throw new PresetFileError(
      [
        {
          field: '',
          problem: `the file is ${bytes} bytes; a preset file may be at most ${PRESET_FILE_MAX_BYTES}`,
        },
      ],
      `preset file too large: ${bytes} bytes, the limit is ${PRESET_FILE_MAX_BYTES} (256 KiB)`,
    );
  }
  let json: unknown;
  try {
    // Windows editors (Notepad) save UTF-8 with a byte order mark, which JSON.parse refuses.
    json = JSON.parse(source.startsWith('\uFEFF') ? source.slice(1) : source);
  } catch (error) {
    const problem = `not valid JSON (${(error as Error).message})`;
    throw new PresetFileError([{ field: '', problem }], `invalid preset file: ${problem}`);
  }
  checkFormatAndVersion(json);
  const result = presetFileSchema.safeParse(json);
  if (result.success) return result.data;
  throw new PresetFileError(result.error.issues.map((issue) => describeIssue(issue, json)));
}

// The format and version are checked first, with their own messages: a file from a newer Rose or
// another program should say so, not list every field it does not share with ours.
function checkFormatAndVersion(json: unknown): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new PresetFileError(
      [{ field: '', problem: 'must be a JSON object' }],
      'invalid preset file: not a JSON object',
    );
  }
  const { format, version } = json as Record<string, unknown>;
  if (format !== PRESET_FILE_FORMAT) {
    const problem = `must be "${PRESET_FILE_FORMAT}" (found ${JSON.stringify(format) ?? 'nothing'}); this is not a Rose preset file`;
    throw new PresetFileError([{ field: 'format', problem }]);
  }
  if (version !== PRESET_FILE_VERSION) {
    const newer = typeof version === 'number' && version > PRESET_FILE_VERSION;
    const problem = newer
      ? `is ${version}, but this Rose reads version ${PRESET_FILE_VERSION}; update Rose to import it`
      : `must be ${PRESET_FILE_VERSION} (found ${JSON.stringify(version) ?? 'nothing'})`;
    throw new PresetFileError([{ field: 'version', problem }]);
  }
}

function describeIssue(issue: z.core.$ZodIssue, json: unknown): FieldProblem {
  const field = issue.path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
  if (issue.code === 'unrecognized_keys') {
    return {
      field,
      problem: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`,
    };
  }
  if (issue.code === 'invalid_type' && valueAt(json, issue.path) === undefined)
    return { field, problem: 'is missing' };
  return { field, problem: issue.message };
}

/** The file's text: fixed key order, 2-space indent, trailing newline, so equal presets give equal bytes. */
export function serializePresetFile(file: PresetFile): string {
  const ordered = {
    format: PRESET_FILE_FORMAT,
    version: PRESET_FILE_VERSION,
    name: file.name,
    description: file.description,
    versions: file.versions.map((v) => ({
      safePrompt: v.safePrompt,
      reversePrompt: v.reversePrompt,
      alpha: v.alpha,
      beta: v.beta,
      method: v.method,
      createdAt: v.createdAt,
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
