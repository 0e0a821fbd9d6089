import { useEffect, useId, useState } from 'react';
import { ALPHA_MAX, ALPHA_MIN, ALPHA_STRENGTHS, DEFAULT_ALPHA } from '../../../../shared/generationLimits.js';
import { alphaWarning, parseAlpha, strengthKeyOf } from '../../lib/alphaInput.js';
import { formatNumber } from '../../lib/chip.js';

type Props = {
  alpha: number;
  disabled: boolean;
  onChange: (alpha: number) => void;
};

/**
 * The safety strength as Gentle / Standard / Strong, with the exact α beside it for tuning. A
 * typed value out of range stays in the box with a message; only valid values are applied.
 */
export function AlphaControl({ alpha, disabled, onChange }: Props) {
  const id = useId();
  const [text, setText] = useState(formatNumber(alpha));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(formatNumber(alpha));
    setError(null);
  }, [alpha]);

  const commit = () => {
    const parsed = parseAlpha(text);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    if (parsed.value !== alpha) onChange(parsed.value);
  };
  const strength = strengthKeyOf(alpha);
  const warning = alphaWarning(alpha);
  const note = error ?? warning;

  return (
    <>
      <label>
        <span>Safety strength</span>
        <select
          value={strength ?? 'custom'}
          disabled={disabled}
          onChange={(e) => {
            const chosen = ALPHA_STRENGTHS.find((s) => s.key === e.target.value);
            if (chosen) onChange(chosen.alpha);
          }}
        >
          {ALPHA_STRENGTHS.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
              {s.alpha === DEFAULT_ALPHA ? ' (recommended)' : ''}
            </option>
          ))}
          {strength === null && <option value="custom">Custom (α {formatNumber(alpha)})</option>}
        </select>
      </label>
      <label>
        <span>α</span>
        <input
          type="text"
          inputMode="decimal"
          aria-label="Alpha"
          aria-invalid={error !== null}
          aria-describedby={note ? `${id}-note` : undefined}
          title={`α: how strongly the reverse prompt is subtracted (${ALPHA_MIN} to ${ALPHA_MAX})`}
          className="composer-settings__alpha"
          value={text}
          disabled={disabled}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
      </label>
      {note && (
        <span
          id={`${id}-note`}
          className={error ? 'composer-settings__error' : 'composer-settings__warning'}
          role={error ? 'alert' : 'status'}
        >
          {note}
        </span>
      )}
    </>
  );
}
