import { useEffect, useId, useState } from 'react';
import type { PolicyView } from '../../../../shared/contract/index.js';
import { ALPHA_STRENGTHS, DEFAULT_ALPHA } from '../../../../shared/generationLimits.js';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import {
  type AlphaRange,
  alphaRangeOf,
  alphaWarning,
  parseAlpha,
  strengthKeyOf,
} from '../../lib/alphaInput.js';
import { formatNumber } from '../../lib/chip.js';
import { useStore } from '../../stores/createStore.js';

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
  const { t } = useTranslation();
  const id = useId();
  const app = useApp();
  // The policy may narrow α (a minimum set by a parent or an admin); the app refuses the rest anyway,
  // so strengths outside it are shown but cannot be chosen.
  const range = useStore(app.policy.store, (s) => policyRange(s.view));
  const [text, setText] = useState(formatNumber(alpha));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(formatNumber(alpha));
    setError(null);
  }, [alpha]);

  const commit = () => {
    const parsed = parseAlpha(text, range, t);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    if (parsed.value !== alpha) onChange(parsed.value);
  };
  const strength = strengthKeyOf(alpha);
  const warning = alphaWarning(alpha, t);
  const note = error ?? warning;

  return (
    <>
      <label>
        <span>{t('composer.alpha.strength')}</span>
        <select
          value={strength ?? 'custom'}
          disabled={disabled}
          onChange={(e) => {
            const chosen = ALPHA_STRENGTHS.find((s) => s.key === e.target.value);
            if (chosen) onChange(chosen.alpha);
          }}
        >
          {ALPHA_STRENGTHS.map((s) => {
            const allowed = s.alpha >= range.min && s.alpha <= range.max;
            let name = t(`common.strength.${s.key}`);
            if (s.alpha === DEFAULT_ALPHA) name = t('composer.alpha.recommended', { name });
            if (!allowed) name = t('composer.alpha.notAllowed', { name });
            return (
              <option key={s.key} value={s.key} disabled={!allowed}>
                {name}
              </option>
            );
          })}
          {strength === null && (
            <option value="custom">{t('composer.alpha.custom', { alpha: formatNumber(alpha) })}</option>
          )}
        </select>
      </label>
      <label>
        <span>{t('composer.alpha.short')}</span>
        <input
          type="text"
          inputMode="decimal"
          aria-label={t('composer.alpha.boxLabel')}
          aria-invalid={error !== null}
          aria-describedby={note ? `${id}-note` : undefined}
          title={t('composer.alpha.boxTitle', { min: formatNumber(range.min), max: formatNumber(range.max) })}
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

/** The α range the policy allows; a stable object per pair of values, so the store selector is cheap. */
function policyRange(view: PolicyView | null): AlphaRange {
  const value = (key: string) => view?.settings.find((s) => s.key === key)?.value;
  const range = alphaRangeOf({ alphaMin: value('alphaMin'), alphaMax: value('alphaMax') });
  const key = `${range.min}:${range.max}`;
  const kept = ranges.get(key);
  if (kept) return kept;
  ranges.set(key, range);
  return range;
}
const ranges = new Map<string, AlphaRange>();
