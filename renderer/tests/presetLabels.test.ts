import { describe, expect, test } from 'vitest';
import { i18n } from '../src/i18n/index.js';
import { presetLabels, presetName } from '../src/lib/presetLabels.js';

describe('preset labels', () => {
  test('presets with the same name are told apart by the order they were made', () => {
    const labels = presetLabels([
      { id: 7, name: 'Tutor', createdAt: 300 },
      { id: 2, name: 'Tutor', createdAt: 100 },
      { id: 5, name: 'tutor ', createdAt: 200 },
      { id: 9, name: 'Manual reverse', createdAt: 50 },
    ]);
    expect([...labels.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [2, 'Tutor'],
      [5, 'tutor (2)'],
      [7, 'Tutor (3)'],
      [9, 'Manual reverse'],
    ]);
  });

  test('a built-in preset reads in the interface language; one a person named keeps its name', () => {
    const chinese = i18n.getFixedT('zh-CN');
    const builtin = { name: 'Manual reverse', builtinKey: 'manual-reverse' };
    expect(presetName(builtin, i18n.getFixedT('en'))).toBe('Manual reverse');
    expect(presetName(builtin, chinese)).toBe(chinese('presets.builtin.manual-reverse'));
    expect(presetName(builtin, chinese)).not.toBe('Manual reverse');
    expect(presetName({ name: 'Manual reverse', builtinKey: null }, chinese)).toBe('Manual reverse');
  });
});
