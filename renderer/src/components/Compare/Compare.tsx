import { useState } from 'react';
import { useApp } from '../../appContext.js';
import { useStore } from '../../stores/createStore.js';
import type { CompareSide } from '../../stores/compareStore.js';
import { versionInfo } from '../../stores/presetsStore.js';
import { CompareColumn } from './CompareColumn.js';
import { DEFAULT_PRESET_KEY } from '../../../../shared/generationLimits.js';

type Mode = 'rose' | 'alpha';

const sidesFor = (mode: Mode, alpha: number): [CompareSide, CompareSide] =>
  mode === 'rose'
    ? [
        { label: 'ROSE off', roseEnabled: false, alpha },
        { label: `ROSE on (α ${alpha})`, roseEnabled: true, alpha },
      ]
    : [
        { label: 'α 0', roseEnabled: true, alpha: 0 },
        { label: 'α 1', roseEnabled: true, alpha: 1 },
      ];

/** The same prompt answered with two settings side by side, for tuning presets. Nothing is saved. */
export function Compare() {
  const app = useApp();
  const state = useStore(app.compare.store);
  const presets = useStore(app.presets.store);
  const chat = useStore(app.chat.store);
  const models = useStore(app.models.store);
  const [prompt, setPrompt] = useState('');
  const [mode, setMode] = useState<Mode>('alpha');
  const [presetId, setPresetId] = useState<number | null>(null);

  const fallbackVersion = chat.view?.conversation.presetVersionId ?? chat.draft.presetVersionId;
  const preset =
    presets.items.find((p) => p.id === presetId) ??
    versionInfo(presets, fallbackVersion)?.preset ??
    presets.items.find((p) => p.builtinKey === DEFAULT_PRESET_KEY) ??
    presets.items[0];
  const sides = sidesFor(mode, preset?.latest.alpha ?? 1);
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
        <div className="compare__options">
          <label>
            <span>Preset</span>
            <select value={preset?.id ?? ''} onChange={(e) => setPresetId(Number(e.target.value))}>
              {presets.items
                .filter((p) => p.deletedAt === null)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
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
                checked={mode === 'alpha'}
                onChange={() => setMode('alpha')}
              />
              α 0 vs α 1
            </label>
            <label>
              <input
                type="radio"
                name="compare-mode"
                checked={mode === 'rose'}
                onChange={() => setMode('rose')}
              />
              ROSE off vs on
            </label>
          </fieldset>
          <button type="submit" className="button button--primary" disabled={state.running || !prompt.trim()}>
            {state.running ? 'Comparing…' : 'Compare'}
          </button>
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
