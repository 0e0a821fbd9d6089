import type { SearchHit } from '../../../shared/domain.js';

export type GroupedHit = SearchHit & { moreMatches: number };

/**
 * One row per conversation in the sidebar: its best hit (hits come best first), with how many
 * more of its messages matched — a chat that mentions a word ten times is one result, not ten.
 */
export function groupHits(hits: readonly SearchHit[]): GroupedHit[] {
  const rows = new Map<number, GroupedHit>();
  for (const hit of hits) {
    const row = rows.get(hit.conversationId);
    if (row) row.moreMatches += 1;
    else rows.set(hit.conversationId, { ...hit, moreMatches: 0 });
  }
  return [...rows.values()];
}
