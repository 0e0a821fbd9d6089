import type { AppInfo } from '../../../../shared/contract/index.js';

/** Versions, where next-token scores come from, and the GPU. */
export function About({ info }: { info: AppInfo | null }) {
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
  return (
    <section className="about" aria-labelledby="about-title">
      <h2 id="about-title">About</h2>
      <dl>
        {rows.map(([term, value]) => (
          <div key={term} className="about__row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
