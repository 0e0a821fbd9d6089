import { useEffect } from 'react';
import {
  PARENT_IDLE_MINUTES,
  PASSPHRASE_MIN_CHARS,
  PIN_MIN_DIGITS,
} from '../../../../shared/familyLimits.js';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';
import { PageNotice } from '../Notice/PageNotice.js';
import { PinForm } from './PinForm.js';
import { UnlockPanel } from './UnlockPanel.js';

/** The family lock: set the parent PIN, unlock, child mode on/off, recovery. */
export function FamilyPage() {
  const app = useApp();
  const { t } = useTranslation();
  const state = useStore(app.family.store);
  useEffect(() => {
    void app.family.load();
  }, [app]);

  const { status } = state;
  if (!status)
    return state.error ? (
      <PageNotice
        heading={t('family.title')}
        kind="error"
        title={t('family.loadError')}
        action={{ label: t('common.tryAgain'), run: () => void app.family.load() }}
      >
        {state.error}
      </PageNotice>
    ) : (
      <PageNotice heading={t('family.title')} kind="loading" title={t('family.loading')} />
    );

  return (
    <div className="family">
      <h1>{t('family.title')}</h1>
      {state.recoveryCode && (
        <section className="family__recovery" aria-label={t('family.recovery.label')}>
          <p>{t('family.recovery.shownOnce')}</p>
          <code>{state.recoveryCode}</code>
          <button type="button" className="button" onClick={() => app.family.dismissRecoveryCode()}>
            {t('family.recovery.dismiss')}
          </button>
        </section>
      )}
      {status.tampered && (
        <p role="alert" className="family__lockout">
          {t('family.tampered')}
        </p>
      )}
      {!status.pinSet && (
        <>
          <p>{t('family.setPin.intro', { digits: PIN_MIN_DIGITS, chars: PASSPHRASE_MIN_CHARS })}</p>
          {state.error && (
            <p role="alert" className="composer__error">
              {state.error}
            </p>
          )}
          <PinForm
            label={t('family.setPin.label')}
            action={t('family.setPin.action')}
            autoComplete="new-password"
            busy={state.busy}
            onSubmit={(pin) => void app.family.setPin(pin)}
          />
        </>
      )}
      {status.pinSet && !status.tampered && !status.parentSession && (
        <UnlockPanel why={status.childMode ? t('family.childModeOn') : undefined} />
      )}
      {status.parentSession && !status.tampered && (
        <section aria-label={t('family.parent.label')}>
          <p>{t('family.parent.unlocked', { count: PARENT_IDLE_MINUTES })}</p>
          <label className="toggle">
            <input
              type="checkbox"
              checked={status.childMode}
              disabled={state.busy}
              onChange={(e) => void app.family.setChildMode(e.target.checked)}
            />
            <span>{t('family.parent.childMode')}</span>
          </label>
          <button type="button" className="button" onClick={() => void app.family.lock()}>
            {t('family.parent.lockNow')}
          </button>
        </section>
      )}
      {status.pinSet && !status.parentSession && status.recoveryAvailable && (
        <details className="family__recover">
          <summary>{t('family.recovery.forgot')}</summary>
          <PinForm
            label={t('family.recovery.label')}
            action={t('family.recovery.use')}
            numeric={false}
            autoComplete="off"
            busy={state.busy}
            onSubmit={(code) => void app.family.recover(code)}
          />
        </details>
      )}
    </div>
  );
}
