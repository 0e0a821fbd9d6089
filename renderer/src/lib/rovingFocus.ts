/**
 * Roving focus for a list: one Tab stop for the whole list, arrow keys inside it. Returns the
 * index to move to for `key`, or null when the key is not one the list handles.
 */
export function rovingIndex(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, count - 1);
    case 'ArrowUp':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** Left/Right between the controls of one row: the row's open button, then its actions. */
export function rowIndex(key: string, index: number, count: number): number | null {
  if (key === 'ArrowRight') return Math.min(index + 1, count - 1);
  if (key === 'ArrowLeft') return Math.max(index - 1, 0);
  return null;
}
