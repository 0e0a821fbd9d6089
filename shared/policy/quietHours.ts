import { z } from 'zod';

/**
 * Quiet hours: daily spans of local time when child profiles cannot chat. `start` is included,
 * `end` is not; an `end` before `start` spans midnight; `24:00` ends at midnight.
 */
const time = z.string().regex(/^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/, {
  error: 'a time is HH:MM (24-hour, 24:00 for midnight at the end of the day)',
});
export const quietHoursSchema = z.strictObject({ start: time, end: time });
export type QuietHours = z.infer<typeof quietHoursSchema>;

const DAY = 24 * 60;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const text = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Spans as [from, to) minute ranges within one day, a span over midnight split in two. */
function ranges(list: readonly QuietHours[]): [number, number][] {
  const out: [number, number][] = [];
  for (const { start, end } of list) {
    const from = minutes(start) % DAY;
    const to = minutes(end);
    if (to > from) out.push([from, to]);
    else if (to < from || (to === from && end !== start)) {
      out.push([from, DAY]);
      if (to > 0) out.push([0, to]);
    }
  }
  return out;
}

/** Every quiet minute of either list, as the fewest sorted spans (the union rule's result). */
export function unionQuietHours(a: readonly QuietHours[], b: readonly QuietHours[]): QuietHours[] {
  const sorted = ranges([...a, ...b]).sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged.map(([from, to]) => ({ start: text(from), end: text(to) }));
}

/** True when `at` (local time) falls inside one of the spans. */
export function isQuietTime(list: readonly QuietHours[], at: Date): boolean {
  const now = at.getHours() * 60 + at.getMinutes();
  return ranges(list).some(([from, to]) => now >= from && now < to);
}
