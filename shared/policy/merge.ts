import {
  childPolicyValues,
  isPolicyKey,
  type PolicyKey,
  type PolicyValues,
  policyKeys,
  settingOf,
} from './declaration.js';
import { sameValue } from './rules.js';

/**
 * Where a layer of policy comes from, highest first: an admin's managed policy (a ceiling nobody
 * at the keyboard can loosen), the family lock (may only tighten it), then the user's own choices
 * and the admin's recommended defaults (both changeable, within what the ceiling leaves).
 */
export type PolicySourceKind = 'managed' | 'family' | 'user' | 'recommended';

export type PolicyLayer = {
  kind: PolicySourceKind;
  /** Where it was read, e.g. `/etc/rose/policies/managed/10-school.json` or `HKLM\SOFTWARE\Policies\Rose`. */
  origin: string;
  values: Record<string, unknown>;
};

/** A problem met while reading or merging policy; shown in `rose policy show` and the Policy page. */
export type PolicyProblem = { origin: string; key?: string; problem: string };

export type EffectiveSetting = {
  value: unknown;
  source: PolicySourceKind | 'default';
  /** True when a managed or family layer sets it: the window shows it disabled. */
  locked: boolean;
  /** For people: "Managed by Example School", "Set by a parent", "Your choice", "Default". */
  setBy: string;
  /** The file or registry key that set it (none for defaults). */
  origin: string | null;
};

export type MergedPolicy = {
  values: PolicyValues;
  settings: Record<PolicyKey, EffectiveSetting>;
  problems: PolicyProblem[];
};

const lockedKinds: readonly PolicySourceKind[] = ['managed', 'family'];

/** A layer's value for `key`, validated; a wrong one counts as the most restrictive value. */
function layerValue(layer: PolicyLayer, key: PolicyKey, problems: PolicyProblem[]): unknown {
  const setting = settingOf(key);
  const parsed = setting.schema.safeParse(layer.values[key]);
  // Meeting a value with itself gives its one canonical form (sorted, de-duplicated lists).
  if (parsed.success) return setting.meet(parsed.data, parsed.data);
  // The tightest value is always acceptable (a source that failed closed sets it on purpose).
  if (sameValue(layer.values[key], setting.mostRestrictive)) return setting.mostRestrictive;
  problems.push({
    origin: layer.origin,
    key,
    problem: `${parsed.error.issues[0]?.message ?? 'invalid value'}; counted as its most restrictive value`,
  });
  return setting.mostRestrictive;
}

/** Who set a value, in the words the window shows. */
export function setByLabel(source: PolicySourceKind | 'default', orgName: string | null): string {
  switch (source) {
    case 'managed':
      return `Managed by ${orgName ?? 'your organisation'}`;
    case 'family':
      return 'Set by a parent';
    case 'recommended':
      return `Recommended by ${orgName ?? 'your organisation'}`;
    case 'user':
      return 'Your choice';
    default:
      return 'Default';
  }
}

/**
 * Merge layers tighten-only. Managed and family layers (in that order) form a ceiling: each value
 * is the meet of every value they set. The user's choice, else a recommended default, else the
 * declared default, then applies within that ceiling — so it can tighten but never loosen.
 */
export function mergePolicy(layers: readonly PolicyLayer[]): MergedPolicy {
  const problems: PolicyProblem[] = [];
  for (const layer of layers)
    for (const key of Object.keys(layer.values))
      if (!isPolicyKey(key))
        problems.push({ origin: layer.origin, key, problem: 'not a Rose policy setting; ignored' });

  const found: Partial<
    Record<
      PolicyKey,
      { value: unknown; source: PolicySourceKind | 'default'; locked: boolean; origin: string | null }
    >
  > = {};
  for (const key of policyKeys) {
    const setting = settingOf(key);
    const present = (layer: PolicyLayer) => Object.hasOwn(layer.values, key);
    let ceiling: { value: unknown; source: PolicySourceKind; origin: string } | null = null;
    for (const kind of lockedKinds)
      for (const layer of layers.filter((l) => l.kind === kind && present(l))) {
        const value = layerValue(layer, key, problems);
        if (ceiling === null) ceiling = { value, source: kind, origin: layer.origin };
        else {
          const met = setting.meet(ceiling.value, value);
          if (!sameValue(met, ceiling.value)) ceiling = { value: met, source: kind, origin: layer.origin };
        }
      }
    const chooser =
      layers.find((l) => l.kind === 'user' && present(l)) ??
      layers.find((l) => l.kind === 'recommended' && present(l));
    const choice = chooser
      ? { value: layerValue(chooser, key, problems), source: chooser.kind, origin: chooser.origin }
      : null;

    if (ceiling === null) {
      found[key] = choice
        ? { ...choice, locked: false }
        : { value: setting.default, source: 'default', locked: false, origin: null };
    } else if (choice === null) {
      found[key] = { ...ceiling, locked: true };
    } else {
      const met = setting.meet(ceiling.value, choice.value);
      found[key] = sameValue(met, ceiling.value)
        ? { ...ceiling, locked: true }
        : { ...choice, value: met, locked: true };
    }
  }

  const values = Object.fromEntries(policyKeys.map((key) => [key, found[key]!.value])) as PolicyValues;
  const settings = Object.fromEntries(
    policyKeys.map((key) => [key, { ...found[key]!, setBy: setByLabel(found[key]!.source, values.orgName) }]),
  ) as Record<PolicyKey, EffectiveSetting>;
  return { values, settings, problems };
}

/** What the family lock reports (implemented by the family service). */
export type FamilyState = { childMode: boolean; tampered: boolean; values: Record<string, unknown> };

/**
 * The family layer: the parent's values, plus what child mode imposes while it is on. A record
 * that was altered counts as child mode with only the declared child values (its own values are
 * not trusted).
 */
export function familyLayer(state: FamilyState): PolicyLayer {
  const child = childPolicyValues() as Record<string, unknown>;
  if (state.tampered)
    return { kind: 'family', origin: 'family lock (record altered: child mode)', values: child };
  if (!state.childMode) return { kind: 'family', origin: 'family lock', values: state.values };
  const values: Record<string, unknown> = { ...state.values };
  for (const [key, childValue] of Object.entries(child)) {
    if (!isPolicyKey(key)) continue;
    const setting = settingOf(key);
    const own = setting.schema.safeParse(state.values[key]);
    values[key] =
      own.success && Object.hasOwn(state.values, key) ? setting.meet(own.data, childValue) : childValue;
  }
  return { kind: 'family', origin: 'family lock (child mode)', values };
}
