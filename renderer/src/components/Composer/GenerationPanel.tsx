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
import { useApp } from '../../appContext.js';
import { type TFunction, useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';

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
  /** Shown in an empty box: the app's default; null for the seed, whose default is a random one. */
  placeholder: string | null;
}> = [
  {
    key: 'temperature',
    min: 0,
    max: TEMPERATURE_MAX,
    step: 0.1,
    integer: false,
    placeholder: String(DEFAULT_SAMPLING.temperature),
  },
  {
    key: 'topP',
    min: 0.01,
    max: 1,
    step: 0.05,
    integer: false,
    placeholder: String(DEFAULT_SAMPLING.topP),
  },
  {
    key: 'topK',
    min: 0,
    max: TOP_K_MAX,
    step: 1,
    integer: true,
    placeholder: String(DEFAULT_SAMPLING.topK),
  },
  {
    key: 'seed',
    min: 0,
    max: SEED_MAX,
    step: 1,
    integer: true,
    placeholder: null,
  },
  {
    key: 'maxTokens',
    min: 1,
    max: MAX_TOKENS_MAX,
    step: 1,
    integer: true,
    placeholder: String(DEFAULT_MAX_TOKENS),
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

/**
 * "Generation" under the composer: temperature, top-p, top-k, seed, max tokens and stop texts for
 * this chat (or the new one). An empty box means the app's default; a value out of range is
 * explained next to its box and not saved.
 */
export function GenerationPanel({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const app = useApp();
  const chat = useStore(app.chat.store);
  const generation = chat.view ? chat.view.conversation.generation : chat.draft.generation;
  const [texts, setTexts] = useState(() => asTexts(generation));
  const [stopText, setStopText] = useState((generation?.stop ?? []).join('\n'));
  const [problems, setProblems] = useState<Partial<Record<NumberKey | 'stop', string>>>({});
  const key = JSON.stringify(generation);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the boxes when the saved settings change
  useEffect(() => {
    setTexts(asTexts(generation));
    setStopText((generation?.stop ?? []).join('\n'));
    setProblems({});
  }, [key]);

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
    if (JSON.stringify(empty ? null : next) !== key)
      void app.chat.configure({ generation: empty ? null : next });
  };

  const shownTemperature = Number(texts.temperature || DEFAULT_SAMPLING.temperature);
  return (
    <details className="generation-panel">
      <summary>
        {t('composer.generation.title')}
        <span className="generation-panel__summary">
          {' · '}
          {shownTemperature === 0
            ? t('composer.generation.greedy')
            : t('composer.generation.temperature', { value: shownTemperature })}
          {generation?.maxTokens
            ? ` · ${t('composer.generation.upTo', { value: generation.maxTokens })}`
            : ''}
        </span>
      </summary>
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
              placeholder={field.placeholder ?? t('composer.generation.fields.seed.placeholder')}
              title={t(`composer.generation.fields.${field.key}.hint`)}
              value={texts[field.key]}
              aria-invalid={problems[field.key] ? true : undefined}
              aria-describedby={problems[field.key] ? `generation-${field.key}-problem` : undefined}
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
              <span id={`generation-${field.key}-problem`} className="field-problem" role="alert">
                {problems[field.key]}
              </span>
            )}
          </label>
        ))}
        <label className="generation-panel__field generation-panel__stop">
          <span>{t('composer.generation.stopTexts')}</span>
          <textarea
            rows={2}
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
          onClick={() => void app.chat.configure({ generation: null })}
        >
          {t('composer.generation.useDefaults')}
        </button>
      </fieldset>
    </details>
  );
}
