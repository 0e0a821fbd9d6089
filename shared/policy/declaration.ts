import { z } from 'zod';
import { ALPHA_MAX, ALPHA_MIN, DEFAULT_ALPHA, MAX_TOKENS_MAX, TEMPERATURE_MAX } from '../generationLimits.js';
import { meetPresetAllowlists, presetAllowEntry } from './presetAllowlist.js';
import { type QuietHours, quietHoursSchema, unionQuietHours } from './quietHours.js';

export { type QuietHours, quietHoursSchema } from './quietHours.js';
import {
  meetBoolean,
  meetCeiling,
  meetFloor,
  meetRank,
  meetStringSets,
  type TighteningRule,
} from './rules.js';

/**
 * Every setting a guardian (an IT admin's managed policy or a parent's family lock) can lock,
 * declared once. This list drives validation of policy sources, the tighten-only merge, the
 * badges in the window, `rose policy show`, the docs table and the admin templates.
 */

/** How an admin template writes the value (ADMX element, plist type, registry value). */
export type PolicyValueKind = 'boolean' | 'number' | 'integer' | 'enum' | 'text' | 'list' | 'json';

export type PolicySetting<T> = {
  key: string;
  title: string;
  /** One or two sentences for admins: what it does and what its values mean. */
  description: string;
  kind: PolicyValueKind;
  /** A valid value from a policy source (files, plist, registry, family settings). */
  schema: z.ZodType<T>;
  /** The value when no source sets it: nothing is restricted. */
  default: T;
  rule: TighteningRule;
  /** What an invalid value counts as: the tightest value there is (never fails open). */
  mostRestrictive: T;
  /** What child mode imposes (combined with the family's own values, tighten-only); absent: nothing. */
  childValue?: T;
  /** Numeric limits (for templates). */
  range?: { min: number; max: number };
  /** Enum choices, least strict first. */
  options?: readonly string[];
  /** The meet of two values under `rule`. */
  meet(a: T, b: T): T;
  /** Example values, loosest first; used by the docs and by the merge tests. */
  examples: readonly T[];
};

const bool = (rule: 'allow' | 'require') => ({
  kind: 'boolean' as const,
  schema: z.boolean(),
  rule,
  meet: (a: boolean, b: boolean) => meetBoolean(rule, a, b),
  examples: rule === 'allow' ? [true, false] : [false, true],
});

function allowSetting(key: string, title: string, description: string, childValue?: boolean) {
  return {
    key,
    title,
    description,
    ...bool('allow'),
    default: true,
    mostRestrictive: false,
    ...(childValue === undefined ? {} : { childValue }),
  } satisfies PolicySetting<boolean>;
}

const sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: 'a model is named by its lower-case sha256 (64 hex digits)' });
const shortText = z.string().trim().min(1).max(200);

/** The admin's own prompts: every generation uses them; user preset text is appended only if allowed. */
export const managedPresetSchema = z.strictObject({
  safePrompt: z.string().trim().min(1).max(32_000),
  reversePrompt: z.string().trim().min(1).max(32_000),
  /** Append the chosen preset's safe prompt after the managed one. */
  userTextAllowed: z.boolean().default(false),
});
export type ManagedPreset = z.infer<typeof managedPresetSchema>;

export const auditLevels = ['off', 'metadata', 'content'] as const;
export type AuditLevel = (typeof auditLevels)[number];

/**
 * A managed preset that failed validation: generation is refused until the admin fixes it,
 * because using the user's own prompts instead would fail open.
 */
export const BROKEN_MANAGED_PRESET = 'invalid' as const;
type ManagedPresetValue = ManagedPreset | null | typeof BROKEN_MANAGED_PRESET;

export const policySettings = {
  roseRequired: {
    key: 'roseRequired',
    title: 'ROSE required',
    description: 'When on, every answer is decoded with ROSE; requests with ROSE off are refused.',
    ...bool('require'),
    default: false,
    mostRestrictive: true,
    childValue: true,
  } satisfies PolicySetting<boolean>,
  alphaMin: {
    key: 'alphaMin',
    title: 'Minimum α',
    description: `The lowest ROSE weight α a request may use (${ALPHA_MIN}–${ALPHA_MAX}). Requests below it are refused.`,
    kind: 'number',
    schema: z.number().min(ALPHA_MIN).max(ALPHA_MAX),
    default: ALPHA_MIN,
    rule: 'max',
    mostRestrictive: ALPHA_MAX,
    childValue: DEFAULT_ALPHA,
    range: { min: ALPHA_MIN, max: ALPHA_MAX },
    meet: meetFloor,
    examples: [ALPHA_MIN, DEFAULT_ALPHA, 1],
  } satisfies PolicySetting<number>,
  alphaMax: {
    key: 'alphaMax',
    title: 'Maximum α',
    description: `The highest ROSE weight α a request may use; α of 1 and more makes harmless answers worse.`,
    kind: 'number',
    schema: z.number().min(ALPHA_MIN).max(ALPHA_MAX),
    default: ALPHA_MAX,
    rule: 'min',
    mostRestrictive: ALPHA_MIN,
    range: { min: ALPHA_MIN, max: ALPHA_MAX },
    meet: (a: number, b: number) => Math.min(a, b),
    examples: [ALPHA_MAX, 2, 1],
  } satisfies PolicySetting<number>,
  allowedPresets: {
    key: 'allowedPresets',
    title: 'Allowed presets',
    description:
      "Which presets may be used: a list of 'builtins' (all built-ins), 'builtin:KEY', a preset number 'ID' (any version) or 'ID@VERSION'. Absent: any preset.",
    kind: 'list',
    schema: z.array(presetAllowEntry).max(1000).nullable(),
    default: null,
    rule: 'intersect',
    mostRestrictive: [],
    meet: meetPresetAllowlists,
    examples: [null, ['builtins', '7'], ['builtin:manual-reverse', '7@2'], []],
  } satisfies PolicySetting<string[] | null>,
  managedPreset: {
    key: 'managedPreset',
    title: 'Managed preset',
    description:
      'The safe and reverse prompt every answer uses, fixed by the admin: {"safePrompt", "reversePrompt", "userTextAllowed"}. With userTextAllowed the chosen preset\'s safe prompt is appended. Presets that would replace it cannot be imported.',
    kind: 'json',
    schema: managedPresetSchema.nullable() as z.ZodType<ManagedPresetValue>,
    default: null,
    rule: 'first',
    mostRestrictive: BROKEN_MANAGED_PRESET,
    meet: (a: ManagedPresetValue, b: ManagedPresetValue) =>
      a === BROKEN_MANAGED_PRESET || b === BROKEN_MANAGED_PRESET ? BROKEN_MANAGED_PRESET : (a ?? b),
    examples: [
      null,
      {
        safePrompt: 'You are a careful assistant for a school.',
        reversePrompt: 'You are a reckless assistant.',
        userTextAllowed: true,
      },
    ],
  } satisfies PolicySetting<ManagedPresetValue>,
  allowedModels: {
    key: 'allowedModels',
    title: 'Allowed models',
    description:
      'The GGUF files that may be loaded, by sha256 of the file (never by name: a renamed or replaced file is a different model). Absent: any model.',
    kind: 'list',
    schema: z.array(sha256).max(1000).nullable(),
    default: null,
    rule: 'intersect',
    mostRestrictive: [],
    meet: meetStringSets,
    examples: [null, ['a'.repeat(64), 'b'.repeat(64)], ['b'.repeat(64)], []],
  } satisfies PolicySetting<string[] | null>,
  modelImportAllowed: allowSetting(
    'modelImportAllowed',
    'Model import',
    'Adding GGUF files from disk.',
    false,
  ),
  modelDownloadAllowed: allowSetting('modelDownloadAllowed', 'Model download', 'Downloading models.', false),
  compareAllowed: allowSetting(
    'compareAllowed',
    'Compare view',
    'Answering one prompt twice with different settings (including ROSE off).',
    false,
  ),
  exportAllowed: allowSetting('exportAllowed', 'Export', 'Exporting conversations and presets to files.'),
  chatDeletionAllowed: allowSetting('chatDeletionAllowed', 'Chat deletion', 'Deleting conversations.', false),
  presetEditingAllowed: allowSetting(
    'presetEditingAllowed',
    'Preset editing',
    'Creating, editing, duplicating, deleting and importing presets.',
    false,
  ),
  settingsPageAllowed: allowSetting(
    'settingsPageAllowed',
    'Settings page',
    'Changing settings (theme, font size, threads).',
    false,
  ),
  serveAllowed: allowSetting(
    'serveAllowed',
    'Serve mode',
    'Running Rose in a browser with `rose serve`.',
    false,
  ),
  apiAllowed: allowSetting('apiAllowed', 'Local API', 'The local HTTP API for other programs.', false),
  maxTokensCeiling: {
    key: 'maxTokensCeiling',
    title: 'Max tokens ceiling',
    description: `The longest reply a request may ask for (1–${MAX_TOKENS_MAX} tokens); larger requests are refused.`,
    kind: 'integer',
    schema: z.int().min(1).max(MAX_TOKENS_MAX),
    default: MAX_TOKENS_MAX,
    rule: 'min',
    mostRestrictive: 1,
    range: { min: 1, max: MAX_TOKENS_MAX },
    meet: (a: number, b: number) => Math.min(a, b),
    examples: [MAX_TOKENS_MAX, 1024, 256],
  } satisfies PolicySetting<number>,
  temperatureCeiling: {
    key: 'temperatureCeiling',
    title: 'Temperature ceiling',
    description: `The highest sampling temperature a request may use (0 = greedy only, up to ${TEMPERATURE_MAX}).`,
    kind: 'number',
    schema: z.number().min(0).max(TEMPERATURE_MAX),
    default: TEMPERATURE_MAX,
    rule: 'min',
    mostRestrictive: 0,
    range: { min: 0, max: TEMPERATURE_MAX },
    meet: (a: number, b: number) => Math.min(a, b),
    examples: [TEMPERATURE_MAX, 1, 0],
  } satisfies PolicySetting<number>,
  auditLevel: {
    key: 'auditLevel',
    title: 'Audit level',
    description:
      "What the audit log keeps: 'off', 'metadata' (events, ids, sha256, rules) or 'content' (also prompt and reply text).",
    kind: 'enum',
    schema: z.enum(auditLevels),
    default: 'metadata',
    rule: 'rank',
    mostRestrictive: 'content',
    options: auditLevels,
    meet: (a: AuditLevel, b: AuditLevel) => meetRank(auditLevels, a, b),
    examples: ['off', 'metadata', 'content'],
  } satisfies PolicySetting<AuditLevel>,
  orgName: {
    key: 'orgName',
    title: 'Organisation name',
    description: 'Shown on locked controls as "Managed by <name>".',
    kind: 'text',
    schema: shortText.nullable(),
    default: null,
    rule: 'first',
    mostRestrictive: null,
    meet: (a: string | null, b: string | null) => a ?? b,
    examples: [null, 'Example School'],
  } satisfies PolicySetting<string | null>,
  supportContact: {
    key: 'supportContact',
    title: 'Support contact',
    description: 'Who to ask about a refused request (an e-mail address, phone number or web page).',
    kind: 'text',
    schema: shortText.nullable(),
    default: null,
    rule: 'first',
    mostRestrictive: null,
    meet: (a: string | null, b: string | null) => a ?? b,
    examples: [null, 'it@example.org'],
  } satisfies PolicySetting<string | null>,
  quietHours: {
    key: 'quietHours',
    title: 'Quiet hours',
    description:
      'Daily spans (local time, HH:MM) when child profiles cannot chat: a list of {"start", "end"}.',
    kind: 'json',
    schema: z.array(quietHoursSchema).max(50),
    default: [],
    rule: 'union',
    mostRestrictive: [{ start: '00:00', end: '24:00' }],
    meet: unionQuietHours,
    examples: [[], [{ start: '21:00', end: '07:00' }], [{ start: '06:30', end: '13:00' }]],
  } satisfies PolicySetting<QuietHours[]>,
  dailyLimitMinutes: {
    key: 'dailyLimitMinutes',
    title: 'Daily time limit',
    description: 'Minutes per day a child profile may chat (0–1440). Absent: no limit.',
    kind: 'integer',
    schema: z.int().min(0).max(1440).nullable(),
    default: null,
    rule: 'min',
    mostRestrictive: 0,
    range: { min: 0, max: 1440 },
    meet: meetCeiling,
    examples: [null, 120, 30, 0],
  } satisfies PolicySetting<number | null>,
};

/** The value of each declared setting, by key. */
export type PolicyKey = keyof typeof policySettings;
export type PolicyValues = {
  [K in PolicyKey]: (typeof policySettings)[K] extends PolicySetting<infer T> ? T : never;
};

export const policyKeys = Object.keys(policySettings) as PolicyKey[];

/** One setting's declaration, for code that walks the list generically. */
export function settingOf(key: PolicyKey): PolicySetting<unknown> {
  return policySettings[key] as unknown as PolicySetting<unknown>;
}

export function isPolicyKey(key: string): key is PolicyKey {
  return Object.hasOwn(policySettings, key);
}

export function defaultPolicyValues(): PolicyValues {
  return Object.fromEntries(policyKeys.map((key) => [key, settingOf(key).default])) as PolicyValues;
}

/** What child mode imposes, for the settings that declare it. */
export function childPolicyValues(): Partial<PolicyValues> {
  return Object.fromEntries(
    policyKeys.flatMap((key) => {
      const setting = settingOf(key);
      return 'childValue' in setting ? [[key, setting.childValue]] : [];
    }),
  ) as Partial<PolicyValues>;
}
