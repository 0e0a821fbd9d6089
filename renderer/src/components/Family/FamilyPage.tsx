import { useEffect } from 'react';
import {
  PARENT_IDLE_MINUTES,
  PASSPHRASE_MIN_CHARS,
  PIN_MIN_DIGITS,
} from '../../../../shared/familyLimits.js';
import { useApp } from '../../appContext.js';
import { useStore } from '../../stores/createStore.js';
import { Notice } from '../Notice/Notice.js';
import { PinForm } from './PinForm.js';
import { UnlockPanel } from './UnlockPanel.js';

/** The family lock: set the parent PIN, unlock, child mode on/off, recovery. */
export function FamilyPage() {
  const app = useApp();
  const state = useStore(app.family.store);
  useEffect(() => {
    void app.family.load();
  }, [app]);

  const { status } = state;
  if (!status)
    return state.error ? (
      <Notice
        kind="error"
        title="Could not read the family lock"
        action={{ label: 'Try again', run: () => void app.family.load() }}
      >
        {state.error}
      </Notice>
    ) : (
      <Notice kind="loading" title="Loading the family lock…" />
    );

  return (
    <div className="family">
      <h1>Family</h1>
      {state.recoveryCode && (
        <section className="family__recovery" aria-label="Recovery code">
          <p>
            Your recovery code, shown only now. Write it down and keep it away from the child: it opens Rose
            once if the PIN is forgotten.
          </p>
          <code>{state.recoveryCode}</code>
          <button type="button" className="button" onClick={() => app.family.dismissRecoveryCode()}>
            I have written it down
          </button>
        </section>
      )}
      {status.tampered && (
        <p role="alert" className="family__lockout">
          The family settings were changed outside Rose, so Rose is locked in child mode. Enter the recovery
          code to open it.
        </p>
      )}
      {!status.pinSet && (
        <>
          <p>
            Set a parent PIN ({PIN_MIN_DIGITS} or more digits, not an easy one like 123456; or a passphrase of{' '}
            {PASSPHRASE_MIN_CHARS}+ characters) to lock Rose's safety settings and turn on child mode.
          </p>
          {state.error && (
            <p role="alert" className="composer__error">
              {state.error}
            </p>
          )}
          <PinForm
            label="New parent PIN"
            action="Set PIN"
            autoComplete="new-password"
            busy={state.busy}
            onSubmit={(pin) => void app.family.setPin(pin)}
          />
        </>
      )}
      {status.pinSet && !status.tampered && !status.parentSession && (
        <UnlockPanel
          why={status.childMode ? 'Child mode is on. A parent can unlock with the PIN.' : undefined}
        />
      )}
      {status.parentSession && !status.tampered && (
        <section aria-label="Parent settings">
          <p>
            Unlocked for a parent. Rose locks again after {PARENT_IDLE_MINUTES} minutes without a parent
            action.
          </p>
          <label className="toggle">
            <input
              type="checkbox"
              checked={status.childMode}
              disabled={state.busy}
              onChange={(e) => void app.family.setChildMode(e.target.checked)}
            />
            <span>Child mode</span>
          </label>
          <button type="button" className="button" onClick={() => void app.family.lock()}>
            Lock now
          </button>
        </section>
      )}
      {status.pinSet && !status.parentSession && status.recoveryAvailable && (
        <details className="family__recover">
          <summary>Forgot the PIN?</summary>
          <PinForm
            label="Recovery code"
            action="Use recovery code"
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
