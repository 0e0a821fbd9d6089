import type { KeyboardEvent } from 'react';
import { rovingIndex, rowIndex } from '../../lib/rovingFocus.js';

/** Arrow keys inside the conversation list: up/down between conversations, left/right in a row. */
export function moveFocus(event: KeyboardEvent<HTMLElement>) {
  const target = event.target as HTMLElement;
  if (target.tagName === 'INPUT') return; // renaming: the arrows move the text cursor
  const row = target.closest('li');
  if (!row) return;
  const list = row.closest('.conv-groups');
  if (!list) return;
  const rows = [...list.querySelectorAll<HTMLElement>('li.conv')];
  const inRow = [...row.querySelectorAll<HTMLElement>('button')];
  const across = rowIndex(event.key, inRow.indexOf(target), inRow.length);
  const down = rovingIndex(event.key, rows.indexOf(row as HTMLElement), rows.length);
  const next =
    across !== null
      ? inRow[across]
      : down !== null
        ? rows[down]?.querySelector<HTMLElement>('.conv__open')
        : null;
  if (!next) return;
  event.preventDefault();
  next.focus();
}
