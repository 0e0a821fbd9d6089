type Named = { id: number; name: string; createdAt: number };

/**
 * A label per preset that tells presets with the same name apart: the first one made keeps its
 * name, later ones get "(2)", "(3)"… in the order they were made, so the numbers never move when
 * another copy is added later.
 */
export function presetLabels(presets: readonly Named[]): Map<number, string> {
  const byName = new Map<string, Named[]>();
  for (const preset of presets) {
    const key = preset.name.trim().toLocaleLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), preset]);
  }
  const labels = new Map<number, string>();
  for (const group of byName.values()) {
    const ordered = [...group].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
    for (const [index, preset] of ordered.entries()) {
      labels.set(preset.id, index === 0 ? preset.name : `${preset.name.trim()} (${index + 1})`);
    }
  }
  return labels;
}
