import type { AppInfo } from '../../../../shared/contract/index.js';
import { Trans, useTranslation } from '../../i18n/index.js';

/**
 * Versions, where next-token scores come from, the GPU, and where the log is. The desktop app
 * can open the log folder; in serve mode it is on the server's machine, so only its path shows.
 */
export function About({ info, onOpenLogFolder }: { info: AppInfo | null; onOpenLogFolder: () => void }) {
  const { t } = useTranslation();
  if (!info) return null;
  const rows: Array<[string, string]> = [
    [t('settings.about.rose'), info.appVersion],
    [
      t('settings.about.runningAs'),
      info.shell === 'electron' ? t('settings.about.desktop') : t('settings.about.server'),
    ],
    [t('settings.about.electron'), info.electronVersion ?? t('settings.about.notUsed')],
    ['Node.js', info.nodeVersion],
    ['node-llama-cpp', info.llamaVersion],
    [
      t('settings.about.logitsSource'),
      info.logitsSource
        ? `${info.logitsSource}${info.logitsSourceReason ? ` (${info.logitsSourceReason})` : ''}`
        : t('settings.about.noModel'),
    ],
    [
      t('settings.about.gpu'),
      info.gpu
        ? `${info.gpu.kind}${info.gpu.deviceNames.length ? `: ${info.gpu.deviceNames.join(', ')}` : ''}`
        : t('settings.about.detecting'),
    ],
  ];
  // The API path picks the same tokens, several times slower; say so in words, not only in the table.
  const slowPath = info.logitsSource === 'api' && !info.logitsSourceReason?.startsWith('forced');
  return (
    <section className="about" aria-labelledby="about-title">
      <h2 id="about-title">{t('settings.about.title')}</h2>
      {slowPath && (
        <p className="about__notice" role="status">
          <Trans
            i18nKey="settings.about.slowPath"
            values={{ reason: info.logitsSourceReason }}
            components={{ code: <code /> }}
          />
        </p>
      )}
      <dl>
        {rows.map(([term, value]) => (
          <div key={term} className="about__row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div className="about__row">
          <dt>{t('settings.about.logFolder')}</dt>
          <dd>
            <code className="path">{info.logDir}</code>
            {info.shell === 'electron' && (
              <button type="button" className="button about__action" onClick={onOpenLogFolder}>
                {t('settings.about.openLogFolder')}
              </button>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
