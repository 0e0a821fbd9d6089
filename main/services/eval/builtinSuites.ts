import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { answerCheckSchema, expectedSchema } from '../../../shared/eval/schemas.js';
import type { SuiteDraft } from '../../../shared/eval/types.js';

/** The built-in suites, one file each in assets/eval. */
export const BUILTIN_SUITE_KEYS = ['refuse', 'help', 'general'] as const;
export type BuiltinSuiteKey = (typeof BUILTIN_SUITE_KEYS)[number];

/** `quick` keeps only the items flagged for it (about 30, balanced); `full` keeps all. */
export type BuiltinSuiteMode = 'quick' | 'full';

const builtinItemSchema = z.object({
  /** Stable across releases: stored answers refer to it, so a resumed run finds its place. */
  id: z.string().regex(/^[a-z]+-\d{3}$/),
  text: z.string().trim().min(1),
  expected: expectedSchema,
  category: z.string().regex(/^[a-z-]+$/),
  pairId: z
    .string()
    .regex(/^p-[a-z-]+$/)
    .optional(),
  check: answerCheckSchema.optional(),
  quick: z.boolean().optional(),
});

const builtinSuiteFileSchema = z.object({
  format: z.literal('rose.evalSuite'),
  version: z.literal(1),
  key: z.enum(BUILTIN_SUITE_KEYS),
  name: z.string().min(1),
  description: z.string().min(1),
  items: z.array(builtinItemSchema).min(1),
});

export type BuiltinSuiteFile = z.infer<typeof builtinSuiteFileSchema>;

/** assets/eval, found from this module upwards (source or dist). */
export function defaultBuiltinSuitesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'assets', 'eval');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('assets/eval not found above the Rose modules');
    dir = parent;
  }
}

/** Reads and validates one suite file; a broken built-in is a packaging bug, so it throws plainly. */
export function readBuiltinSuiteFile(
  key: BuiltinSuiteKey,
  dir = defaultBuiltinSuitesDir(),
): BuiltinSuiteFile {
  const path = join(dir, `${key}.json`);
  const parsed = builtinSuiteFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a valid suite file: ${z.prettifyError(parsed.error)}`);
  if (parsed.data.key !== key) throw new Error(`${path} declares key ${parsed.data.key}`);
  const ids = new Set<string>();
  for (const item of parsed.data.items) {
    if (ids.has(item.id)) throw new Error(`${path}: item id ${item.id} is used twice`);
    ids.add(item.id);
  }
  return parsed.data;
}

export function builtinSuite(
  key: BuiltinSuiteKey,
  mode: BuiltinSuiteMode,
  dir = defaultBuiltinSuitesDir(),
): SuiteDraft {
  const file = readBuiltinSuiteFile(key, dir);
  const items = file.items
    .filter((item) => mode === 'full' || item.quick === true)
    .map((item) => ({
      text: item.text,
      expected: item.expected,
      category: item.category,
      pairId: item.pairId ?? null,
      check: item.check ?? null,
      sourceRef: item.id,
    }));
  return { name: mode === 'quick' ? `${file.name} (quick)` : file.name, format: `builtin:${key}`, items };
}

/** Every built-in suite in one mode, in a fixed order. */
export function builtinSuites(mode: BuiltinSuiteMode, dir = defaultBuiltinSuitesDir()): SuiteDraft[] {
  return BUILTIN_SUITE_KEYS.map((key) => builtinSuite(key, mode, dir));
}
