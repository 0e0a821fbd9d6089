import { expect, test } from 'vitest';
import type { SearchHit } from '../../shared/domain.js';
import { groupHits } from '../src/lib/searchGroups.js';

const hit = (conversationId: number, messageId: number | null, rank: number) =>
  ({
    kind: messageId === null ? 'title' : 'message',
    conversationId,
    messageId,
    rank,
    snippet: [],
  }) as unknown as SearchHit;

test('one row per conversation, its best hit first, with the count of the others', () => {
  const rows = groupHits([hit(1, 10, -5), hit(2, 20, -4), hit(1, 11, -3), hit(1, null, -2)]);
  expect(rows.map((r) => [r.conversationId, r.messageId, r.moreMatches])).toEqual([
    [1, 10, 2],
    [2, 20, 0],
  ]);
});
