/**
 * How two layers' values of one setting combine, tighten-only: the result is never looser than
 * either. Each rule is a lattice "meet", so meet(meet(a, b), a) = meet(a, b) — the property the
 * merge tests check for every declared setting.
 */
export type TighteningRule =
  /** Something allowed (compare, export…): allowed only while every layer allows it (AND). */
  | 'allow'
  /** A safety requirement (ROSE on): required as soon as one layer requires it (OR). */
  | 'require'
  /** A maximum or ceiling: the smallest wins; null means no ceiling. */
  | 'min'
  /** A safety floor: the largest wins. */
  | 'max'
  /** An allowlist: only what every list allows; null means "anything". */
  | 'intersect'
  /** A blocklist or blocked times: everything any layer blocks. */
  | 'union'
  /** An ordered choice, stricter later in `options` (audit level): the strictest wins. */
  | 'rank'
  /** Fixed by the highest layer that sets it (labels, the managed preset); lower layers cannot replace it. */
  | 'first';

export const ruleDescriptions: Record<TighteningRule, string> = {
  allow: 'allowed only if every source allows it',
  require: 'required if any source requires it',
  min: 'the lowest ceiling wins',
  max: 'the highest floor wins',
  intersect: 'only what every source allows',
  union: 'everything any source blocks',
  rank: 'the strictest choice wins',
  first: 'the highest source that sets it wins',
};

export function meetBoolean(rule: 'allow' | 'require', a: boolean, b: boolean): boolean {
  return rule === 'allow' ? a && b : a || b;
}

/** Ceilings: null means unlimited. */
export function meetCeiling(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

export function meetFloor(a: number, b: number): number {
  return Math.max(a, b);
}

/** Allowlists of plain strings (sha256 digests): null means anything. Sorted for stable output. */
export function meetStringSets(a: readonly string[] | null, b: readonly string[] | null): string[] | null {
  if (a === null) return b === null ? null : [...new Set(b)].sort();
  if (b === null) return [...new Set(a)].sort();
  const inB = new Set(b);
  return [...new Set(a.filter((item) => inB.has(item)))].sort();
}

export function meetRank<T extends string>(options: readonly T[], a: T, b: T): T {
  return options.indexOf(a) >= options.indexOf(b) ? a : b;
}

/** Structural equality of JSON-like values (NaN is not equal to null, unlike their JSON texts). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
    );
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every(
      (k) =>
        Object.hasOwn(b, k) &&
        sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}
