import { useEffect, useState } from 'react';
import type { ChatGeneration } from '../../../../shared/domain.js';
import {
  DEFAULT_MAX_TOKENS,
  DEFAULT_SAMPLING,
  MAX_TOKENS_MAX,
  SEED_MAX,
  STOP_TEXTS_MAX,
  TEMPERATURE_MAX,
  TOP_K_MAX,
} from '../../../../shared/generationLimits.js';
import { type TFunction, useTranslation } from '../../i18n/index.js';

type NumberKey = 'temperature' | 'topP' | 'topK' | 'seed' | 'maxTokens';

/**
 * Each number field: its limits, whether it is whole, and what an empty box means. Its label and
 * hint are the texts `composer.generation.fields.<key>.label` and `.hint`.
 */
const numberFields: Array<{
  key: NumberKey;
  min: number;
  max: number;
  step: number;
  integer: boolean;
  /** The built-in default an empty box stands for; null for the seed, whose default is a random one. */
  builtIn: number | null;
}> = [
  {
    key: 'temperature',
    min: 0,
    max: TEMPERATURE_MAX,
    step: 0.1,
    integer: false,
    builtIn: DEFAULT_SAMPLING.temperature,
  },
  {
    key: 'topP',
    min: 0.01,
    max: 1,
    step: 0.05,
    integer: false,
    builtIn: DEFAULT_SAMPLING.topP,
  },
  {
    key: 'topK',
    min: 0,
    max: TOP_K_MAX,
    step: 1,
    integer: true,
    builtIn: DEFAULT_SAMPLING.topK,
  },
  {
    key: 'seed',
    min: 0,
    max: SEED_MAX,
    step: 1,
    integer: true,
    builtIn: null,
  },
  {
    key: 'maxTokens',
    min: 1,
    max: MAX_TOKENS_MAX,
    step: 1,
    integer: true,
    builtIn: DEFAULT_MAX_TOKENS,
  },
];

/** Why a typed value cannot be used, or null when it can (empty = the default). */
export function numberProblem(
  text: string,
  field: Pick<(typeof numberFields)[number], 'key' | 'min' | 'max' | 'integer'>,
  t: TFunction,
): string | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  const label = t(`composer.generation.fields.${field.key}.label`);
  if (!Number.isFinite(value)) return t('composer.generation.notANumber', { label });
  if (field.integer && !Number.isInteger(value)) return t('composer.generation.notWhole', { label });
  if (value < field.min || value > field.max)
    return t('composer.generation.outOfRange', { label, min: field.min, max: field.max });
  return null;
}

const asTexts = (generation: ChatGeneration | null) =>
  Object.fromEntries(
    numberFields.map((f) => [f.key, generation?.[f.key] === undefined ? '' : String(generation[f.key])]),
  ) as Record<NumberKey, string>;

/** What an empty box of the temperature field currently stands for (the panel's summary shows it). */
export function effectiveTemperature(text: string, defaults: ChatGeneration | null): number {
  return Number(text || (defaults?.temperature ?? DEFAULT_SAMPLING.temperature));
}

type Props = {
  /** The saved values; null = none set here. */
  generation: ChatGeneration | null;
  /** What an empty box falls back to before the built-in default (the app's defaults in a chat). */
  defaults: ChatGeneration | null;
  onSave: (next: ChatGeneration | null) => void;
  disabled: boolean;
  /** Keeps element ids apart when two sets of fields are on one page. */
  idPrefix: string;
  resetLabel: string;
  /** Each typed value, as the boxes hold it (the chat panel's summary follows the temperature). */
  onTyped?: (texts: Record<NumberKey, string>) => void;
};

/**
 * Temperature, top-p, top-k, seed, max tokens and stop texts. An empty box means the default shown
 * in it; a value out of range is explained next to its box and not saved. Used for one chat
 * (under the composer) and for the app's defaults (Settings).
 */
export function GenerationFields({
  generation,
  defaults,
  onSave,
  disabled,
  idPrefix,
  resetLabel,
  onTyped,
}: Props) {
  const { t } = useTranslation();
  const [texts, setTextsState] = useState(() => asTexts(generation));
  const [stopText, setStopText] = useState((generation?.stop ?? []).join('\n'));
  const [problems, setProblems] = useState<Partial<Record<NumberKey | 'stop', string>>>({});
  const key = JSON.stringify(generation);
  const setTexts = (next: Record<NumberKey, string>) => {
    setTextsState(next);
    onTyped?.(next);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the boxes when the saved settings change
  useEffect(() => {
    setTexts(asTexts(generation));
    setStopText((generation?.stop ?? []).join('\n'));
    setProblems({});
  }, [key]);

  const placeholderOf = (field: NumberKey, builtIn: number | null): string => {
    const fallback = defaults?.[field] ?? builtIn;
    return fallback === null ? t('composer.generation.fields.seed.placeholder') : String(fallback);
  };

  const save = (nextTexts: Record<NumberKey, string>, nextStop: string) => {
    const found: Partial<Record<NumberKey | 'stop', string>> = {};
    const next: ChatGeneration = {};
    for (const field of numberFields) {
      const problem = numberProblem(nextTexts[field.key], field, t);
      if (problem) found[field.key] = problem;
      else if (nextTexts[field.key].trim() !== '') next[field.key] = Number(nextTexts[field.key]);
    }
    const stop = nextStop.split('\n').filter((line) => line !== '');
    if (stop.length > STOP_TEXTS_MAX)
      found.stop = t('composer.generation.tooManyStops', { max: STOP_TEXTS_MAX });
    else if (stop.length > 0) next.stop = stop;
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const empty = Object.keys(next).length === 0;
    if (JSON.stringify(empty ? null : next) !== key) onSave(empty ? null : next);
  };

  return (
    <fieldset disabled={disabled} className="generation-panel__fields">
      <legend className="visually-hidden">{t('composer.generation.legend')}</legend>
      {numberFields.map((field) => (
        <label key={field.key} className="generation-panel__field">
          <span>{t(`composer.generation.fields.${field.key}.label`)}</span>
          <input
            type="number"
            inputMode={field.integer ? 'numeric' : 'decimal'}
            min={field.min}
            max={field.max}
            step={field.step}
            placeholder={placeholderOf(field.key, field.builtIn)}
            title={t(`composer.generation.fields.${field.key}.hint`)}
            value={texts[field.key]}
            aria-invalid={problems[field.key] ? true : undefined}
            aria-describedby={problems[field.key] ? `${idPrefix}-${field.key}-problem` : undefined}
            onChange={(e) => setTexts({ ...texts, [field.key]: e.target.value })}
            onBlur={() => save(texts, stopText)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                save(texts, stopText);
              }
            }}
          />
          {problems[field.key] && (
            <span id={`${idPrefix}-${field.key}-problem`} className="field-problem" role="alert">
              {problems[field.key]}
            </span>
          )}
        </label>
      ))}
      <label className="generation-panel__field generation-panel__stop">
        <span>{t('composer.generation.stopTexts')}</span>
        <textarea
          rows={2}
          placeholder={defaults?.stop?.join('\n')}
          value={stopText}
          aria-invalid={problems.stop ? true : undefined}
          onChange={(e) => setStopText(e.target.value)}
          onBlur={() => save(texts, stopText)}
        />
        {problems.stop && (
          <span className="field-problem" role="alert">
            {problems.stop}
          </span>
        )}
      </label>
      <button
        type="button"
        className="button button--small"
        disabled={generation === null}
        onClick={() => onSave(null)}
      >
        {resetLabel}
      </button>
    </fieldset>
  );
}
