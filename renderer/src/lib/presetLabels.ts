import { type TFunction, i18n } from '../i18n/index.js';

type Named = { id: number; name: string; createdAt: number };

/**
 * A label per preset that tells presets with the same name apart: the first one made keeps its
 * name, later ones get "(2)", "(3)"… in the order they were made, so the numbers never move when
 * another copy is added later. Pass the component's `t` so the labels follow a language change.
 */
export function presetLabels(presets: readonly Named[], t: TFunction = i18n.t): Map<number, string> {
  const byName = new Map<string, Named[]>();
  for (const preset of presets) {
    const key = preset.name.trim().toLocaleLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), preset]);
  }
  const labels = new Map<number, string>();
  for (const group of byName.values()) {
    const ordered = [...group].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
    for (const [index, preset] of ordered.entries()) {
      labels.set(
        preset.id,
        index === 0 ? preset.name : t('presets.sameName', { name: preset.name.trim(), number: index + 1 }),
      );
    }
  }
  return labels;
}
