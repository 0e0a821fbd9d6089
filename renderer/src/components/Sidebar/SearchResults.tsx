import type { ConversationId, SearchHit } from '../../../../shared/domain.js';
import { groupHits } from '../../lib/searchGroups.js';

type Props = { hits: SearchHit[]; error: string | null; onOpen: (id: ConversationId) => void };

/** Search hits with the matching words highlighted (as <mark> around text, never as HTML). */
export function SearchResults({ hits: found, error, onOpen }: Props) {
  const hits = groupHits(found);
  if (error) {
    return (
      <p className="sidebar__empty" role="alert">
        Search failed: {error}
      </p>
    );
  }
  return (
    <section aria-label="Search results">
      <p className="visually-hidden" role="status">
        {hits.length === 0
          ? 'No matches'
          : `${hits.length} conversation${hits.length === 1 ? '' : 's'} match`}
      </p>
      {hits.length === 0 ? (
        <p className="sidebar__empty">No conversation matches. Try other words.</p>
      ) : (
        <ul className="conv-list">
          {hits.map((hit) => (
            <li key={hit.conversationId}>
              <button type="button" className="search-hit" onClick={() => onOpen(hit.conversationId)}>
                <span className="search-hit__title">
                  {hit.conversationTitle}
                  {hit.moreMatches > 0 && <span className="search-hit__more"> +{hit.moreMatches} more</span>}
                </span>
                <span className="search-hit__snippet">
                  {hit.role && (
                    <span className="search-hit__role">{hit.role === 'user' ? 'You: ' : 'Rose: '}</span>
                  )}
                  {hit.snippet.map((part, i) =>
                    // biome-ignore lint/suspicious/noArrayIndexKey: snippet parts are positional
                    part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
