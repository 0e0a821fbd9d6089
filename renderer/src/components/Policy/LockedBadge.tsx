import type { PolicySettingView } from '../../../../shared/contract/index.js';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';
import { setByText } from '../../stores/policyStore.js';

/** Shown beside a control a guardian locked: who set it ("Managed by …", "Set by a parent"). */
export function LockedBadge({ lock }: { lock: PolicySettingView | null }) {
  const { t } = useTranslation();
  const { view } = useStore(useApp().policy.store);
  if (!lock) return null;
  return (
    <span className="locked-badge" title={lock.origin ?? undefined}>
      <span aria-hidden="true">🔒 </span>
      {setByText(t, lock, view)}
    </span>
  );
}
