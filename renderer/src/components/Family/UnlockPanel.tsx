import { useApp } from '../../appContext.js';
import { useStore } from '../../stores/createStore.js';
import { PinForm } from './PinForm.js';

/** "Enter the parent PIN", with the lockout or the tries left after a wrong one. */
export function UnlockPanel({ why }: { why?: string }) {
  const app = useApp();
  const state = useStore(app.family.store);
  const lockedUntil = state.status?.lockedOutUntil ?? null;
  return (
    <section className="family-unlock" aria-label="Unlock with the parent PIN">
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
          Too many wrong PINs. Try again after {new Date(lockedUntil).toLocaleTimeString()}.
        </p>
      )}
      <PinForm
        label="Parent PIN"
        action="Unlock"
        busy={state.busy}
        onSubmit={(pin) => void app.family.unlock(pin)}
      />
    </section>
  );
}
