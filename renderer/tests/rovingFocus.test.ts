import { describe, expect, test } from 'vitest';
import { rovingIndex, rowIndex } from '../src/lib/rovingFocus.js';

describe('roving focus', () => {
  test('up, down, Home and End move inside the list and stop at its ends', () => {
    expect(rovingIndex('ArrowDown', 0, 3)).toBe(1);
    expect(rovingIndex('ArrowDown', 2, 3)).toBe(2);
    expect(rovingIndex('ArrowUp', 0, 3)).toBe(0);
    expect(rovingIndex('Home', 2, 3)).toBe(0);
    expect(rovingIndex('End', 0, 3)).toBe(2);
    expect(rovingIndex('Tab', 0, 3)).toBeNull();
    expect(rovingIndex('ArrowDown', 0, 0)).toBeNull();
  });

  test('left and right move along one row', () => {
    expect(rowIndex('ArrowRight', 0, 4)).toBe(1);
    expect(rowIndex('ArrowRight', 3, 4)).toBe(3);
    expect(rowIndex('ArrowLeft', 1, 4)).toBe(0);
    expect(rowIndex('ArrowDown', 1, 4)).toBeNull();
  });
});
