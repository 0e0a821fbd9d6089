import { useEffect, useState } from 'react';
import { useApp } from '../../appContext.js';
import { type TFunction, useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';
import type { CompareSide } from '../../stores/compareStore.js';
import { versionInfo } from '../../stores/presetsStore.js';
import { CompareColumn } from './CompareColumn.js';
import { ALPHA_STRENGTHS, DEFAULT_ALPHA, DEFAULT_PRESET_KEY } from '../../../../shared/generationLimits.js';
import { formatNumber, strengthName } from '../../lib/chip.js';
import { STARTER_PROMPTS } from './starterPrompts.js';
import { presetLabels } from '../../lib/presetLabels.js';

type Mode = 'rose' | 'strengths';

const [gentle, , strong] = ALPHA_STRENGTHS;

/**
 * "Off vs on at your α" by default: the question a newcomer asks is what ROSE changes. The labels
 * are in the language of `t`; the app shows them above the columns as they are.
 */
export const sidesFor = (mode: Mode, alpha: number, t: TFunction): [CompareSide, CompareSide] =>
  mode === 'rose'
    ? [
        { label: t('compare.side.off'), roseEnabled: false, alpha },
        { label: t('compare.side.on', { strength: strengthName(alpha, t) }), roseEnabled: true, alpha },
      ]
    : [
        {
          label: t('compare.side.strength', {
            strength: t(`common.strength.${gentle.key}`),
            alpha: formatNumber(gentle.alpha),
          }),
          roseEnabled: true,
          alpha: gentle.alpha,
        },
        {
          label: t('compare.side.strength', {
            strength: t(`common.strength.${strong.key}`),
            alpha: formatNumber(strong.alpha),
          }),
          roseEnabled: true,
          alpha: strong.alpha,
        },
      ];

/** The same prompt answered with two settings side by side, for tuning presets. Nothing is saved. */
export function Compare() {
  const { t } = useTranslation();
  const app = useApp();
  const state = useStore(app.compare.store);
  const presets = useStore(app.presets.store);
  const chat = useStore(app.chat.store);
  const models = useStore(app.models.store);
  const [prompt, setPrompt] = useState('');
  const [mode, setMode] = useState<Mode>('rose');
  const [presetId, setPresetId] = useState<number | null>(null);

  // Esc stops a running comparison, as it stops a reply in the chat.
  useEffect(() => {
    if (!state.running) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      void app.compare.stop();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [app, state.running]);

  const fallbackVersion = chat.view?.conversation.presetVersionId ?? chat.draft.presetVersionId;
  const preset =
    presets.items.find((p) => p.id === presetId) ??
    versionInfo(presets, fallbackVersion)?.preset ??
    presets.items.find((p) => p.builtinKey === DEFAULT_PRESET_KEY) ??
    presets.items[0];
  // "Your α": the open conversation's (or the new chat's) setting, else the preset's.
  const yourAlpha =
    (chat.view ? chat.view.conversation.alpha : chat.draft.alpha) ?? preset?.latest.alpha ?? DEFAULT_ALPHA;
  const sides = sidesFor(mode, yourAlpha, t);
  const choices = presets.items.filter((p) => p.deletedAt === null);
  const labels = presetLabels(choices, t);
  const modelId = chat.draft.modelId ?? models.loaded?.modelId ?? models.items[0]?.id ?? null;

  return (
    <div className="compare">
      <h1>{t('compare.title')}</h1>
      <p className="hint">{t('compare.hint')}</p>
      <form
        className="compare__form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!prompt.trim() || state.running) return;
          void app.compare.run({
            prompt,
            modelId,
            presetVersionId: preset?.latest.id ?? null,
            sides,
          });
        }}
      >
        <label htmlFor="compare-prompt">{t('compare.prompt')}</label>
        <textarea id="compare-prompt" rows={3} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
        <fieldset className="button-row compare__starters">
          <legend className="hint">{t('compare.startersLegend')}</legend>
          {STARTER_PROMPTS.map((key) => {
            const starter = t(`compare.starters.${key}`);
            return (
              <button
                key={key}
                type="button"
                className="button button--small"
                onClick={() => setPrompt(starter)}
              >
                {starter}
              </button>
            );
          })}
        </fieldset>
        <div className="compare__options">
          <label>
            <span>{t('compare.preset')}</span>
            <select value={preset?.id ?? ''} onChange={(e) => setPresetId(Number(e.target.value))}>
              {choices.map((p) => (
                <option key={p.id} value={p.id}>
                  {labels.get(p.id) ?? p.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="radio-row">
            <legend>{t('compare.modeLegend')}</legend>
            <label>
              <input
                type="radio"
                name="compare-mode"
                checked={mode === 'rose'}
                onChange={() => setMode('rose')}
              />
              {t('compare.modeRose', { alpha: formatNumber(yourAlpha) })}
            </label>
            <label>
              <input
                type="radio"
                name="compare-mode"
                checked={mode === 'strengths'}
                onChange={() => setMode('strengths')}
              />
              {t('compare.modeStrengths', {
                gentle: t(`common.strength.${gentle.key}`),
                strong: t(`common.strength.${strong.key}`),
              })}
            </label>
          </fieldset>
          {state.running ? (
            <button
              type="button"
              className="button"
              disabled={state.stopping}
              onClick={() => void app.compare.stop()}
            >
              {state.stopping ? t('compare.stopping') : t('compare.stop')}
            </button>
          ) : (
            <button type="submit" className="button button--primary" disabled={!prompt.trim()}>
              {t('compare.run')}
            </button>
          )}
        </div>
      </form>
      {state.error && (
        <p className="composer__error" role="alert">
          {t('compare.error', { error: state.error })}
        </p>
      )}
      {(state.running || state.answers) && (
        <div className="compare__columns">
          {[0, 1].map((i) => (
            <CompareColumn
              key={i}
              label={state.answers?.[i]?.label ?? sides[i]!.label}
              text={state.answers?.[i]?.text ?? state.live[i]!.text}
              answer={state.answers?.[i] ?? null}
              running={state.running}
            />
          ))}
        </div>
      )}
    </div>
  );
}
