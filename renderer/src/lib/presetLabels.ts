import { type TFunction, i18n } from '../i18n/index.js';

type Named = { id: number; name: string; createdAt: number; builtinKey?: string | null };

/** The presets Rose ships (assets/presets/); read-only, so their names are Rose's to translate. */
const BUILTIN_PRESETS = ['manual-reverse', 'opposite-replace', 'random-words'] as const;

type BuiltinPresetKey = (typeof BUILTIN_PRESETS)[number];
const isBuiltin = (key: string | null | undefined): key is BuiltinPresetKey =>
  key !== null && key !== undefined && (BUILTIN_PRESETS as readonly string[]).includes(key);

/** A preset's name as shown: a built-in one in the interface language, any other as it was named. */
export function presetName(
  preset: { name: string; builtinKey?: string | null },
  t: TFunction = i18n.t,
): string {
  return isBuiltin(preset.builtinKey) ? t(`presets.builtin.${preset.builtinKey}`) : preset.name;
}

/** A preset's description as shown, the same way. */
export function presetDescription(
  preset: { description: string; builtinKey?: string | null },
  t: TFunction = i18n.t,
): string {
  return isBuiltin(preset.builtinKey)
    ? t(`presets.builtinDescription.${preset.builtinKey}`)
    : preset.description;
}

/**
 * A label per preset that tells presets with the same name apart: the first one made keeps its
 * name, later ones get "(2)", "(3)"… in the order they were made, so the numbers never move when
 * another copy is added later. Pass the component's `t` so the labels follow a language change.
 */
export function presetLabels(presets: readonly Named[], t: TFunction = i18n.t): Map<number, string> {
  const byName = new Map<string, Named[]>();
  for (const preset of presets) {
    const key = presetName(preset, t).trim().toLocaleLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), preset]);
  }
  const labels = new Map<number, string>();
  for (const group of byName.values()) {
    const ordered = [...group].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
    for (const [index, preset] of ordered.entries()) {
      labels.set(
        preset.id,
        index === 0
          ? presetName(preset, t)
          : t('presets.sameName', { name: presetName(preset, t).trim(), number: index + 1 }),
      );
    }
  }
  return labels;
}
