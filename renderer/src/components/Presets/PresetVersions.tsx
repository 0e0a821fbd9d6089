import type { PresetVersion, PresetVersionId } from '../../../../shared/domain.js';

type Props = { versions: PresetVersion[]; latestId: PresetVersionId };

/** Every version of a preset, newest first; each opens to show its prompts. Versions never change. */
export function PresetVersions({ versions, latestId }: Props) {
  const newestFirst = [...versions].sort((a, b) => b.number - a.number);
  return (
    <section className="preset-versions" aria-label="Versions">
      <h3>Versions</h3>
      <ul className="preset-versions__list">
        {newestFirst.map((v) => (
          <li key={v.id}>
            <details>
              <summary>
                Version {v.number}
                {v.id === latestId ? ' (latest)' : ''} · {new Date(v.createdAt).toLocaleString()} · α{' '}
                {v.alpha} · β {v.beta} · {v.method}
              </summary>
              <dl className="preset-settings">
                <dt>Safe prompt</dt>
                <dd className="prompt-text">{v.safePrompt}</dd>
                <dt>Reverse prompt</dt>
                <dd className="prompt-text">{v.reversePrompt}</dd>
              </dl>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
