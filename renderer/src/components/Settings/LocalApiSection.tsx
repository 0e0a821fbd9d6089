import { useCallback, useEffect, useState } from 'react';
import type { LocalApiStatus } from '../../../../shared/contract/index.js';
import { useApp } from '../../appContext.js';
import { CopyButton } from '../CopyButton/CopyButton.js';

/**
 * Settings → Local API: the OpenAI-compatible API for other programs (off by default), its port,
 * its address while it runs, and its keys. A new key's secret is shown once, here, and never again.
 */
export function LocalApiSection({ locked, desktop }: { locked: boolean; desktop: boolean }) {
  const app = useApp();
  const [status, setStatus] = useState<LocalApiStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [newKey, setNewKey] = useState<string | null>(null);
  const [port, setPort] = useState('');

  const refresh = useCallback(async () => {
    const result = await app.api.api.status({});
    if (result.ok) {
      setStatus(result.value);
      setPort(String(result.value.port));
    } else setProblem(result.error.message);
  }, [app]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const change = async (patch: { apiEnabled?: boolean; apiPort?: number }) => {
    setProblem(null);
    const result = await app.api.settings.set(patch);
    if (!result.ok) setProblem(result.error.message);
    await refresh();
  };
  const commitPort = () => {
    const value = Number(port);
    if (!Number.isInteger(value) || value < 1024 || value > 65535) {
      setProblem('The port must be a whole number from 1024 to 65535.');
      return;
    }
    if (value !== status?.port) void change({ apiPort: value });
  };

  if (!status) return problem ? <p role="alert">{problem}</p> : null;
  const liveKeys = status.keys.filter((k) => k.revokedAt === null);
  return (
    <section className="local-api" aria-labelledby="local-api-title">
      <h2 id="local-api-title">Local API</h2>
      <p className="hint">
        Lets other programs on this computer (editors, scripts, chat apps that speak OpenAI's API) use Rose.
        Every answer is ROSE-decoded and checked against the same rules as the chat. Only this computer can
        connect, and each request needs a key.
      </p>
      {!desktop && (
        <p className="hint">
          In a browser tab, start the API with <code>rose serve --api</code>; the keys below work there too.
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
            <span>Serve the API</span>
          </label>
          <label className="field">
            <span>Port</span>
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
              <>
                Running at <code>{status.url}</code>
              </>
            ) : status.enabled ? (
              (status.problem ?? 'Starting…')
            ) : (
              'Off.'
            )}
          </p>
        </>
      )}
      {problem && (
        <p role="alert" className="composer__error">
          {problem}
        </p>
      )}
      <h3>Keys</h3>
      {liveKeys.length === 0 ? (
        <p className="hint">No keys yet: programs need one to connect.</p>
      ) : (
        <ul className="local-api__keys">
          {liveKeys.map((k) => (
            <li key={k.id}>
              <span>
                {k.name} <span className="hint">(made {new Date(k.createdAt).toLocaleDateString()})</span>
              </span>
              <button
                type="button"
                className="button button--small"
                onClick={async () => {
                  const result = await app.api.api.revokeKey({ id: k.id });
                  if (result.ok) setStatus(result.value);
                  else setProblem(result.error.message);
                }}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {newKey && (
        <p className="local-api__new-key">
          New key (shown only now): <code>{newKey}</code> <CopyButton text={newKey} />
        </p>
      )}
      <button
        type="button"
        className="button button--small"
        disabled={locked}
        onClick={async () => {
          const result = await app.api.api.createKey({ name: `key ${liveKeys.length + 1}` });
          if (result.ok) {
            setNewKey(result.value.key);
            setStatus(result.value.status);
          } else setProblem(result.error.message);
        }}
      >
        New key
      </button>
    </section>
  );
}
