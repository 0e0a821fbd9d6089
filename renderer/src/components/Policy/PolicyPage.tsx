import { useEffect } from 'react';
import { useApp } from '../../appContext.js';
import { useStore } from '../../stores/createStore.js';
import { Notice } from '../Notice/Notice.js';

/** How a value reads for people: lists joined, "not set" for nothing. */
function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'not set';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value))
    return value.length === 0
      ? 'none'
      : value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const sourceStatus: Record<string, string> = {
  ok: 'in force',
  malformed: 'cannot be read',
  untrusted: 'ignored: writable by non-admins',
  'kept-last-good': 'broken: its last good version still applies',
  'failed-closed': 'broken: every restriction applies at its strictest',
};

/** Every policy setting with its effective value and who set it; the sources and their problems. */
export function PolicyPage() {
  const app = useApp();
  const state = useStore(app.policy.store);
  useEffect(() => {
    void app.policy.load();
  }, [app]);

  if (state.status === 'loading') return <Notice kind="loading" title="Loading the policy…" />;
  if (!state.view)
    return (
      <Notice
        kind="error"
        title="Could not load the policy"
        action={{ label: 'Try again', run: () => void app.policy.load() }}
      >
        {state.error}
      </Notice>
    );
  const { view } = state;
  const broken = view.sources.filter((s) => s.status !== 'ok');
  return (
    <div className="policy">
      <h1>Policy</h1>
      {broken.length > 0 && (
        <p role="alert" className="policy__banner">
          {broken.length === 1
            ? 'A policy file has a problem'
            : `${broken.length} policy files have problems`}
          ; Rose never loosens a rule because of it. See Sources below.
        </p>
      )}
      {state.error && (
        <p role="alert" className="composer__error">
          {state.error}
        </p>
      )}
      {view.childMode && <p className="policy__child">Child mode is on.</p>}
      <table className="policy__table">
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Value</th>
            <th scope="col">Set by</th>
          </tr>
        </thead>
        <tbody>
          {view.settings.map((s) => (
            <tr key={s.key} data-locked={s.locked || undefined}>
              <th scope="row">{s.title}</th>
              <td>{showValue(s.value)}</td>
              <td title={s.origin ?? undefined}>
                {s.locked && <span aria-hidden="true">🔒 </span>}
                {s.setBy}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Sources</h2>
      {view.sources.length === 0 ? (
        <p>No managed policy on this computer.</p>
      ) : (
        <ul className="policy__sources">
          {view.sources.map((s) => (
            <li key={s.origin}>
              <code>{s.origin}</code> — {sourceStatus[s.status] ?? s.status}
              {s.problem && `: ${s.problem}`}
            </li>
          ))}
        </ul>
      )}
      {view.problems.some((p) => p.key) && (
        <>
          <h2>Values that were not valid</h2>
          <ul>
            {view.problems
              .filter((p) => p.key)
              .map((p) => (
                <li key={`${p.origin}:${p.key}`}>
                  <code>{p.key}</code> in <code>{p.origin}</code>: {p.problem}
                </li>
              ))}
          </ul>
        </>
      )}
      <button type="button" className="button" onClick={() => void app.policy.reload()}>
        Reload policy
      </button>
    </div>
  );
}
