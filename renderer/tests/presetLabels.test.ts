import { describe, expect, test } from 'vitest';
import { presetLabels } from '../src/lib/presetLabels.js';

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
});
