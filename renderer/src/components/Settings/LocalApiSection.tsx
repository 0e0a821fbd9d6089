import { useCallback, useEffect, useState } from 'react';
import type { LocalApiStatus } from '../../../../shared/contract/index.js';
import { errorMessage } from '../../api/call.js';
import { useApp } from '../../appContext.js';
import { Trans, useTranslation } from '../../i18n/index.js';
import { CopyButton } from '../CopyButton/CopyButton.js';

/**
 * Settings → Local API: the OpenAI-compatible API for other programs (off by default), its port,
 * its address while it runs, and its keys. A new key's secret is shown once, here, and never again.
 */
export function LocalApiSection({ locked, desktop }: { locked: boolean; desktop: boolean }) {
  const app = useApp();
  const { t } = useTranslation();
  const [status, setStatus] = useState<LocalApiStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [newKey, setNewKey] = useState<string | null>(null);
  const [port, setPort] = useState('');

  const refresh = useCallback(async () => {
    const result = await app.api.api.status({});
    if (result.ok) {
      setStatus(result.value);
      setPort(String(result.value.port));
    } else setProblem(errorMessage(result.error));
  }, [app]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const change = async (patch: { apiEnabled?: boolean; apiPort?: number }) => {
    setProblem(null);
    const result = await app.api.settings.set(patch);
    if (!result.ok) setProblem(errorMessage(result.error));
    await refresh();
  };
  const commitPort = () => {
    const value = Number(port);
    if (!Number.isInteger(value) || value < 1024 || value > 65535) {
      setProblem(t('settings.api.portInvalid'));
      return;
    }
    if (value !== status?.port) void change({ apiPort: value });
  };

  if (!status) return problem ? <p role="alert">{problem}</p> : null;
  const liveKeys = status.keys.filter((k) => k.revokedAt === null);
  return (
    <section className="local-api" aria-labelledby="local-api-title">
      <h2 id="local-api-title">{t('settings.api.title')}</h2>
      <p className="hint">{t('settings.api.intro')}</p>
      {!desktop && (
        <p className="hint">
          <Trans i18nKey="settings.api.serveHint" components={{ code: <code /> }} />
        </p>
      )}
      {desktop && (
        <>
          <label className="toggle">
            <input
              type="checkbox"
              checked={status.enabled}
              disabled={locked}
              onChange={(e) => void change({ apiEnabled: e.target.checked })}
            />
            <span>{t('settings.api.serve')}</span>
          </label>
          <label className="field">
            <span>{t('settings.api.port')}</span>
            <input
              type="number"
              min={1024}
              max={65535}
              value={port}
              disabled={locked}
              onChange={(e) => setPort(e.target.value)}
              onBlur={commitPort}
              onKeyDown={(e) => e.key === 'Enter' && commitPort()}
            />
          </label>
          <p role="status" className="hint">
            {status.running && status.url ? (
              <Trans
                i18nKey="settings.api.running"
                values={{ url: status.url }}
                components={{ code: <code /> }}
              />
            ) : status.enabled ? (
              (status.problem ?? t('settings.api.starting'))
            ) : (
              t('settings.api.off')
            )}
          </p>
        </>
      )}
      {problem && (
        <p role="alert" className="composer__error">
          {problem}
        </p>
      )}
      <h3>{t('settings.api.keys')}</h3>
      {liveKeys.length === 0 ? (
        <p className="hint">{t('settings.api.noKeys')}</p>
      ) : (
        <ul className="local-api__keys">
          {liveKeys.map((k) => (
            <li key={k.id}>
              <span>
                {k.name}{' '}
                <span className="hint">{t('settings.api.made', { date: new Date(k.createdAt) })}</span>
              </span>
              <button
                type="button"
                className="button button--small"
                onClick={async () => {
                  const result = await app.api.api.revokeKey({ id: k.id });
                  if (result.ok) setStatus(result.value);
                  else setProblem(errorMessage(result.error));
                }}
              >
                {t('settings.api.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {newKey && (
        <p className="local-api__new-key">
          <Trans
            i18nKey="settings.api.newKeyShown"
            values={{ key: newKey }}
            components={{ code: <code /> }}
          />{' '}
          <CopyButton text={newKey} />
        </p>
      )}
      <button
        type="button"
        className="button button--small"
        disabled={locked}
        onClick={async () => {
          const result = await app.api.api.createKey({
            name: t('settings.api.keyName', { number: liveKeys.length + 1 }),
          });
          if (result.ok) {
            setNewKey(result.value.key);
            setStatus(result.value.status);
          } else setProblem(errorMessage(result.error));
        }}
      >
        {t('settings.api.newKey')}
      </button>
    </section>
  );
}
