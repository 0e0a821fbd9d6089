import { useId, useState } from 'react';

/** One secret field and a button; the secret is cleared after each try and never kept. */
export function PinForm({
  label,
  action,
  busy,
  onSubmit,
  autoComplete = 'current-password',
  numeric = true,
}: {
  label: string;
  action: string;
  busy: boolean;
  onSubmit: (secret: string) => void;
  autoComplete?: string;
  /** Offer the digit keyboard (PINs); off for the recovery code. */
  numeric?: boolean;
}) {
  const [secret, setSecret] = useState('');
  const id = useId();
  return (
    <form
      className="pin-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (secret.length === 0) return;
        onSubmit(secret);
        setSecret('');
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        inputMode={numeric ? 'numeric' : 'text'}
        autoComplete={autoComplete}
        value={secret}
        onChange={(e) => setSecret(e.target.value)}
      />
      <button type="submit" className="button" disabled={busy || secret.length === 0}>
        {action}
      </button>
    </form>
  );
}
