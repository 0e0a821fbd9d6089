import {
  asConversationId,
  asMessageId,
  type MessageRole,
  type SearchHit,
  type SnippetPart,
} from '../../shared/domain.js';
import type { Db } from './database.js';
import { statement } from './statements.js';

// Private-use characters mark matches inside snippets; they cannot come from typed text in practice
// and are turned into SnippetPart pieces before leaving this file.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/**
 * Turn what a user typed into an FTS5 query: every word must appear (in any order), the last one
 * may be a prefix (search as you type) once it has two letters, and `OR` in capitals between two
 * words accepts either (`dog OR cat`); an `OR` with nothing after it yet is left out, so typing
 * "dog OR" still finds dogs. Quotes keep any other FTS5 syntax in the text from being obeyed.
 */
export function toFtsQuery(typed: string): string | null {
  const tokens = typed.match(/[\p{L}\p{N}_]+/gu);
  if (!tokens) return null;
  const parts: string[] = [];
  for (const [i, token] of tokens.entries()) {
    const between = i > 0 && i < tokens.length - 1 && tokens[i - 1] !== 'OR' && tokens[i + 1] !== 'OR';
    if (token === 'OR') {
      if (between) parts.push('OR');
      continue;
    }
    const last = i === tokens.length - 1 || (i === tokens.length - 2 && tokens.at(-1) === 'OR');
    parts.push(`"${token}"${last && [...token].length >= 2 ? '*' : ''}`);
  }
  return parts.length === 0 ? null : parts.join(' ');
}

type HitRow = {
  kind: 'message' | 'title';
  conversation_id: number;
  title: string;
  message_id: number | null;
  role: MessageRole | null;
  snippet: string;
  rank: number;
};

/**
 * Above this many matching messages, ranking all of them (bm25 reads every match) costs more than
 * a search box can wait; the newest matches are ranked among themselves instead.
 */
const RANK_ALL_LIMIT = 5000;

/** Messages and titles matching `typed`, best first (bm25), with highlighted snippets. */
export function search(db: Db, typed: string, limit: number): SearchHit[] {
  const query = toFtsQuery(typed);
  if (query === null) return [];
  const common =
    (
      statement(
        db,
        'SELECT count(*) AS n FROM (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? LIMIT ?)',
      ).get(query, RANK_ALL_LIMIT) as { n: number }
    ).n >= RANK_ALL_LIMIT;
  const messageOrder = common ? 'messages_fts.rowid DESC' : 'messages_fts.rank';
  const rows = statement(
    db,
    `SELECT * FROM (
       SELECT 'message' AS kind, m.conversation_id, c.title, m.id AS message_id, m.role,
              snippet(messages_fts, 0, '${OPEN}', '${CLOSE}', '…', 16) AS snippet, messages_fts.rank AS rank
       FROM messages_fts
       JOIN messages m ON m.id = messages_fts.rowid
       JOIN conversations c ON c.id = m.conversation_id
       WHERE messages_fts MATCH @query
       ORDER BY ${messageOrder} LIMIT @limit
     )
     UNION ALL
     SELECT * FROM (
       SELECT 'title' AS kind, c.id, c.title, NULL, NULL,
              highlight(conversations_fts, 0, '${OPEN}', '${CLOSE}') AS snippet, conversations_fts.rank AS rank
       FROM conversations_fts
       JOIN conversations c ON c.id = conversations_fts.rowid
       WHERE conversations_fts MATCH @query
       ORDER BY conversations_fts.rank LIMIT @limit
     )
     ORDER BY rank LIMIT @limit`,
  ).all({ query, limit }) as HitRow[];
  return rows.map((r) => ({
    kind: r.kind,
    conversationId: asConversationId(r.conversation_id),
    conversationTitle: r.title,
    messageId: r.message_id === null ? null : asMessageId(r.message_id),
    role: r.role,
    snippet: toParts(r.snippet),
    rank: r.rank,
  }));
}

function toParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const piece of marked.split(OPEN)) {
    const close = piece.indexOf(CLOSE);
    if (close === -1) {
      if (piece) parts.push({ text: piece, match: false });
      continue;
    }
    parts.push({ text: piece.slice(0, close), match: true });
    if (close + 1 < piece.length) parts.push({ text: piece.slice(close + 1), match: false });
  }
  return parts;
}

/** How many messages contain what was typed (for benchmarks and "N results" labels). */
export function countMessageMatches(db: Db, typed: string): number {
  const query = toFtsQuery(typed);
  if (query === null) return 0;
  return (
    statement(db, 'SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?').get(query) as {
      n: number;
    }
  ).n;
}
