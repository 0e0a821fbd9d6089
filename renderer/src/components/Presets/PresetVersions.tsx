import type { PresetVersion, PresetVersionId } from '../../../../shared/domain.js';
import { useTranslation } from '../../i18n/index.js';

type Props = { versions: PresetVersion[]; latestId: PresetVersionId };

/** Every version of a preset, newest first; each opens to show its prompts. Versions never change. */
export function PresetVersions({ versions, latestId }: Props) {
  const { t, i18n } = useTranslation();
  const newestFirst = [...versions].sort((a, b) => b.number - a.number);
  return (
    <section className="preset-versions" aria-label={t('presets.versions.title')}>
      <h3>{t('presets.versions.title')}</h3>
      <ul className="preset-versions__list">
        {newestFirst.map((v) => (
          <li key={v.id}>
            <details>
              <summary>
                {t(v.id === latestId ? 'presets.versions.summaryLatest' : 'presets.versions.summary', {
                  number: v.number,
                  when: new Date(v.createdAt).toLocaleString(i18n.language),
                  alpha: v.alpha,
                  beta: v.beta,
                  method: t(`presets.method.${v.method}`),
                })}
              </summary>
              <dl className="preset-settings">
                <dt>{t('presets.safePrompt')}</dt>
                <dd className="prompt-text">{v.safePrompt}</dd>
                <dt>{t('presets.reversePrompt')}</dt>
                <dd className="prompt-text">{v.reversePrompt}</dd>
              </dl>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
