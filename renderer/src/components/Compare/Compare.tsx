import { useEffect, useState } from 'react';
import { useApp } from '../../appContext.js';
import { useStore } from '../../stores/createStore.js';
import type { CompareSide } from '../../stores/compareStore.js';
import { versionInfo } from '../../stores/presetsStore.js';
import { CompareColumn } from './CompareColumn.js';
import { ALPHA_STRENGTHS, DEFAULT_ALPHA, DEFAULT_PRESET_KEY } from '../../../../shared/generationLimits.js';
import { formatNumber, strengthName } from '../../lib/chip.js';
import { i18n } from '../../i18n/index.js';
import { STARTER_PROMPTS } from './starterPrompts.js';
import { presetLabels } from '../../lib/presetLabels.js';

type Mode = 'rose' | 'strengths';

const [gentle, , strong] = ALPHA_STRENGTHS;

/** "Off vs on at your α" by default: the question a newcomer asks is what ROSE changes. */
export const sidesFor = (mode: Mode, alpha: number): [CompareSide, CompareSide] =>
  mode === 'rose'
    ? [
        { label: 'Safety steering off', roseEnabled: false, alpha },
        { label: `Safety steering on, ${strengthName(alpha, i18n.t)}`, roseEnabled: true, alpha },
      ]
    : [
        {
          label: `${gentle.label} (α ${formatNumber(gentle.alpha)})`,
          roseEnabled: true,
          alpha: gentle.alpha,
        },
        {
          label: `${strong.label} (α ${formatNumber(strong.alpha)})`,
          roseEnabled: true,
          alpha: strong.alpha,
        },
      ];

/** The same prompt answered with two settings side by side, for tuning presets. Nothing is saved. */
export function Compare() {
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
  const sides = sidesFor(mode, yourAlpha);
  const choices = presets.items.filter((p) => p.deletedAt === null);
  const labels = presetLabels(choices);
  const modelId = chat.draft.modelId ?? models.loaded?.modelId ?? models.items[0]?.id ?? null;

  return (
    <div className="compare">
      <h1>Compare</h1>
      <p className="hint">
        One prompt, two settings, answered one after the other with the same model and seed. Nothing is saved.
      </p>
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
        <label htmlFor="compare-prompt">Prompt to compare</label>
        <textarea id="compare-prompt" rows={3} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
        <fieldset className="button-row compare__starters">
          <legend className="hint">Try a starter prompt:</legend>
          {STARTER_PROMPTS.map((starter) => (
            <button
              key={starter}
              type="button"
              className="button button--small"
              onClick={() => setPrompt(starter)}
            >
              {starter}
            </button>
          ))}
        </fieldset>
        <div className="compare__options">
          <label>
            <span>Preset</span>
            <select value={preset?.id ?? ''} onChange={(e) => setPresetId(Number(e.target.value))}>
              {choices.map((p) => (
                <option key={p.id} value={p.id}>
                  {labels.get(p.id) ?? p.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="radio-row">
            <legend>Compare</legend>
            <label>
              <input
                type="radio"
                name="compare-mode"
                checked={mode === 'rose'}
                onChange={() => setMode('rose')}
              />
              Off vs on at α {formatNumber(yourAlpha)}
            </label>
            <label>
              <input
                type="radio"
                name="compare-mode"
                checked={mode === 'strengths'}
                onChange={() => setMode('strengths')}
              />
              {gentle.label} vs {strong.label}
            </label>
          </fieldset>
          {state.running ? (
            <button
              type="button"
              className="button"
              disabled={state.stopping}
              onClick={() => void app.compare.stop()}
            >
              {state.stopping ? 'Stopping…' : 'Stop'}
            </button>
          ) : (
            <button type="submit" className="button button--primary" disabled={!prompt.trim()}>
              Compare
            </button>
          )}
        </div>
      </form>
      {state.error && (
        <p className="composer__error" role="alert">
          Could not compare: {state.error}
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
