import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';
import { PinForm } from './PinForm.js';

/** "Enter the parent PIN", with the lockout or the tries left after a wrong one. */
export function UnlockPanel({ why }: { why?: string }) {
  const app = useApp();
  const { t, i18n } = useTranslation();
  const state = useStore(app.family.store);
  const lockedUntil = state.status?.lockedOutUntil ?? null;
  return (
    <section className="family-unlock" aria-label={t('family.unlock.label')}>
      {why && <p>{why}</p>}
      {state.error && (
        <p
          role="alert"
          className={state.errorCode === 'pin-locked-out' ? 'family__lockout' : 'composer__error'}
        >
          {state.error}
        </p>
      )}
      {lockedUntil && state.errorCode !== 'pin-locked-out' && (
        <p role="alert" className="family__lockout">
          {t('family.unlock.lockedOut', {
            time: new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium' }).format(
              new Date(lockedUntil),
            ),
          })}
        </p>
      )}
      <PinForm
        label={t('family.unlock.pin')}
        action={t('family.unlock.action')}
        busy={state.busy}
        onSubmit={(pin) => void app.family.unlock(pin)}
      />
    </section>
  );
}
