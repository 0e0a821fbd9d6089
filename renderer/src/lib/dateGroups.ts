import type { TFunction } from '../i18n/index.js';

/** Sidebar date groups, by the calendar day of the conversation's last update in local time. */
export type DateGroup = 'Pinned' | 'Today' | 'Yesterday' | 'Previous 7 days' | 'Older';

export const groupOrder: readonly DateGroup[] = ['Pinned', 'Today', 'Yesterday', 'Previous 7 days', 'Older'];

/** Each group's heading text (the group ids above are data: ids, keys and tests use them). */
const groupKeys = {
  Pinned: 'pinned',
  Today: 'today',
  Yesterday: 'yesterday',
  'Previous 7 days': 'previous7Days',
  Older: 'older',
} as const satisfies Record<DateGroup, string>;

/** The heading shown for a group, in the interface language. */
export function dateGroupLabel(group: DateGroup, t: TFunction): string {
  return t(`sidebar.groups.${groupKeys[group]}`);
}

export function dateGroupOf(updatedAt: number, now: number): Exclude<DateGroup, 'Pinned'> {
  const startOfToday = new Date(now);
  startOfToday.setHours(0, 0, 0, 0);
  const today = startOfToday.getTime();
  if (updatedAt >= today) return 'Today';
  const yesterday = new Date(today);
  yesterday.setDate(yesterday.getDate() - 1);
  if (updatedAt >= yesterday.getTime()) return 'Yesterday';
  const weekAgo = new Date(today);
  weekAgo.setDate(weekAgo.getDate() - 7);
  if (updatedAt >= weekAgo.getTime()) return 'Previous 7 days';
  return 'Older';
}

/** Items grouped in sidebar order; pinned ones first whatever their date; empty groups left out. */
export function groupByDate<T extends { pinned: boolean; updatedAt: number }>(
  items: readonly T[],
  now: number,
): Array<{ group: DateGroup; items: T[] }> {
  const groups = new Map<DateGroup, T[]>();
  for (const item of items) {
    const group = item.pinned ? 'Pinned' : dateGroupOf(item.updatedAt, now);
    groups.set(group, [...(groups.get(group) ?? []), item]);
  }
  return groupOrder.filter((g) => groups.has(g)).map((group) => ({ group, items: groups.get(group)! }));
}
