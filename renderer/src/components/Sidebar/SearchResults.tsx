import type { ConversationId, SearchHit } from '../../../../shared/domain.js';
import { useTranslation } from '../../i18n/index.js';
import { groupHits } from '../../lib/searchGroups.js';

type Props = { hits: SearchHit[]; error: string | null; onOpen: (id: ConversationId) => void };

/** Search hits with the matching words highlighted (as <mark> around text, never as HTML). */
export function SearchResults({ hits: found, error, onOpen }: Props) {
  const { t } = useTranslation();
  const hits = groupHits(found);
  if (error) {
    return (
      <p className="sidebar__empty" role="alert">
        {t('sidebar.results.failed', { error })}
      </p>
    );
  }
  return (
    <section aria-label={t('sidebar.results.label')}>
      <p className="visually-hidden" role="status">
        {hits.length === 0
          ? t('sidebar.results.noMatches')
          : t('sidebar.results.matches', { count: hits.length })}
      </p>
      {hits.length === 0 ? (
        <p className="sidebar__empty">{t('sidebar.results.noMatchesHint')}</p>
      ) : (
        <ul className="conv-list">
          {hits.map((hit) => (
            <li key={hit.conversationId}>
              <button type="button" className="search-hit" onClick={() => onOpen(hit.conversationId)}>
                <span className="search-hit__title">
                  {hit.conversationTitle}
                  {hit.moreMatches > 0 && (
                    <span className="search-hit__more">
                      {' '}
                      {t('sidebar.results.more', { n: hit.moreMatches })}
                    </span>
                  )}
                </span>
                <span className="search-hit__snippet">
                  {hit.role && (
                    <span className="search-hit__role">
                      {hit.role === 'user' ? t('sidebar.results.you') : t('sidebar.results.rose')}
                    </span>
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
