import type { AppInfo } from '../../../../shared/contract/index.js';

/**
 * Versions, where next-token scores come from, the GPU, and where the log is. The desktop app
 * can open the log folder; in serve mode it is on the server's machine, so only its path shows.
 */
export function About({ info, onOpenLogFolder }: { info: AppInfo | null; onOpenLogFolder: () => void }) {
  if (!info) return null;
  const rows: Array<[string, string]> = [
    ['Rose', info.appVersion],
    ['Running as', info.shell === 'electron' ? 'desktop app' : 'server (rose serve)'],
    ['Electron', info.electronVersion ?? 'not used'],
    ['Node.js', info.nodeVersion],
    ['node-llama-cpp', info.llamaVersion],
    [
      'Logits source',
      info.logitsSource
        ? `${info.logitsSource}${info.logitsSourceReason ? ` (${info.logitsSourceReason})` : ''}`
        : 'no model loaded',
    ],
    [
      'GPU',
      info.gpu
        ? `${info.gpu.kind}${info.gpu.deviceNames.length ? `: ${info.gpu.deviceNames.join(', ')}` : ''}`
        : 'detecting…',
    ],
  ];
  // The API path picks the same tokens, several times slower; say so in words, not only in the table.
  const slowPath = info.logitsSource === 'api' && !info.logitsSourceReason?.startsWith('forced');
  return (
    <section className="about" aria-labelledby="about-title">
      <h2 id="about-title">About</h2>
      {slowPath && (
        <p className="about__notice" role="status">
          ROSE is running on its slower path (same answers, several times slower) because the fast path's
          check did not pass: {info.logitsSourceReason}. Rose checks again at its next start; run{' '}
          <code>rose doctor --recheck</code> to check now.
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
          <dt>Log folder</dt>
          <dd>
            <code className="path">{info.logDir}</code>
            {info.shell === 'electron' && (
              <button type="button" className="button about__action" onClick={onOpenLogFolder}>
                Open log folder
              </button>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
