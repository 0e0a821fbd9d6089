import { z } from 'zod';

/**
 * Entries of the `allowedPresets` allowlist:
 * - `builtins`: every built-in preset, any version;
 * - `builtin:KEY`: one built-in (e.g. `builtin:manual-reverse`);
 * - `ID`: one of the user's presets by its number, any version;
 * - `ID@V`: exactly version V of preset ID.
 * Numbers name user presets only and keys name built-ins only, so the two never overlap and the
 * intersection of two lists can be computed exactly.
 */
export const presetAllowEntry = z
  .string()
  .regex(/^(builtins|builtin:[a-z0-9-]{1,100}|[1-9][0-9]{0,9}(@[1-9][0-9]{0,9})?)$/, {
    error: "a preset entry is 'builtins', 'builtin:KEY', 'ID' or 'ID@VERSION'",
  });

/** What a check knows about the preset version a request uses. */
export type PresetRef = { presetId: number; version: number; builtinKey: string | null };

type Entry =
  | { kind: 'builtins' }
  | { kind: 'builtin'; key: string }
  | { kind: 'user'; id: number; version: number | null };

function parse(entry: string): Entry {
  if (entry === 'builtins') return { kind: 'builtins' };
  if (entry.startsWith('builtin:')) return { kind: 'builtin', key: entry.slice('builtin:'.length) };
  const [id, version] = entry.split('@');
  return { kind: 'user', id: Number(id), version: version === undefined ? null : Number(version) };
}

function format(entry: Entry): string {
  if (entry.kind === 'builtins') return 'builtins';
  if (entry.kind === 'builtin') return `builtin:${entry.key}`;
  return entry.version === null ? String(entry.id) : `${entry.id}@${entry.version}`;
}

/** What both entries allow, or null when they allow nothing in common. */
function meetEntry(a: Entry, b: Entry): Entry | null {
  if (a.kind === 'builtins') return b.kind === 'user' ? null : b;
  if (b.kind === 'builtins') return a.kind === 'user' ? null : a;
  if (a.kind === 'builtin' || b.kind === 'builtin')
    return a.kind === 'builtin' && b.kind === 'builtin' && a.key === b.key ? a : null;
  if (a.id !== b.id) return null;
  if (a.version === null) return b;
  if (b.version === null || b.version === a.version) return a;
  return null;
}

function covers(wide: Entry, narrow: Entry): boolean {
  const both = meetEntry(wide, narrow);
  return both !== null && format(both) === format(narrow);
}

/** Entries no other entry already covers, sorted: one text per allowed set. */
function normalise(entries: Entry[]): string[] {
  const unique = [...new Map(entries.map((e) => [format(e), e])).values()];
  const kept = unique.filter(
    (entry) => !unique.some((other) => other !== entry && covers(other, entry) && !covers(entry, other)),
  );
  return kept.map(format).sort();
}

/** The presets both lists allow; null means "any preset". */
export function meetPresetAllowlists(
  a: readonly string[] | null,
  b: readonly string[] | null,
): string[] | null {
  if (a === null && b === null) return null;
  if (a === null || b === null) return normalise((a ?? b ?? []).map(parse));
  const met: Entry[] = [];
  for (const x of a.map(parse))
    for (const y of b.map(parse)) {
      const both = meetEntry(x, y);
      if (both) met.push(both);
    }
  return normalise(met);
}

export function presetAllowed(list: readonly string[] | null, preset: PresetRef): boolean {
  if (list === null) return true;
  return list.map(parse).some((entry) => {
    if (entry.kind === 'builtins') return preset.builtinKey !== null;
    if (entry.kind === 'builtin') return preset.builtinKey === entry.key;
    return (
      preset.builtinKey === null &&
      entry.id === preset.presetId &&
      (entry.version === null || entry.version === preset.version)
    );
  });
}
