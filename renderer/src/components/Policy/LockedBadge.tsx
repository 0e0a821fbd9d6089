import type { PolicySettingView } from '../../../../shared/contract/index.js';

/** Shown beside a control a guardian locked: who set it ("Managed by …", "Set by a parent"). */
export function LockedBadge({ lock }: { lock: PolicySettingView | null }) {
  if (!lock) return null;
  return (
    <span className="locked-badge" title={lock.origin ?? undefined}>
      <span aria-hidden="true">🔒 </span>
      {lock.setBy}
    </span>
  );
}
