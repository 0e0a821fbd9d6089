import { useState } from 'react';
import type { Preset, PresetId, ReverseMethod } from '../../../../shared/domain.js';
import { DEFAULT_ALPHA } from '../../../../shared/generationLimits.js';
import { ALPHA_MAX, BETA_MAX } from '../../../../shared/presetFile.js';
import { messageOf } from '../../api/call.js';
import { useApp } from '../../appContext.js';
import { alphaWarning, parseAlpha } from '../../lib/alphaInput.js';

type Props = {
  /** null = a new preset. */
  preset: Preset | null;
  /** Called with the saved preset's id, or null when cancelled. */
  onDone: (id: PresetId | null) => void;
};

/** Create a preset, or edit one (saving adds a version; old versions stay as they were). */
export function PresetEditor({ preset, onDone }: Props) {
  const app = useApp();
  const latest = preset?.latest;
  const [name, setName] = useState(preset?.name ?? '');
  const [description, setDescription] = useState(preset?.description ?? '');
  const [safePrompt, setSafePrompt] = useState(latest?.safePrompt ?? '');
  const [reversePrompt, setReversePrompt] = useState(latest?.reversePrompt ?? '');
  const [method, setMethod] = useState<ReverseMethod>(latest?.method ?? 'manual');
  const [deriveWith, setDeriveWith] = useState<'opposite' | 'random'>('opposite');
  const [alpha, setAlpha] = useState(String(latest?.alpha ?? DEFAULT_ALPHA));
  const [beta, setBeta] = useState(String(latest?.beta ?? 0));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // What deriving replaced, so one click brings a hand-written reverse prompt back.
  const [replaced, setReplaced] = useState<{ reversePrompt: string; method: ReverseMethod } | null>(null);

  const derive = async () => {
    setError(null);
    try {
      const derived = await app.presets.deriveReverse(safePrompt, deriveWith);
      if (reversePrompt.trim() !== '' && reversePrompt !== derived.reversePrompt)
        setReplaced({ reversePrompt, method });
      setReversePrompt(derived.reversePrompt);
      setMethod(derived.method);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const typedAlpha = parseAlpha(alpha);
  const alphaNote = typedAlpha.ok ? alphaWarning(typedAlpha.value) : null;

  const save = async () => {
    setError(null);
    const parsedAlpha = parseAlpha(alpha);
    if (!parsedAlpha.ok) {
      setError(parsedAlpha.message);
      return;
    }
    const weights = { alpha: parsedAlpha.value, beta: Number(beta) };
    if (!Number.isFinite(weights.beta) || beta === '' || weights.beta < 0 || weights.beta > BETA_MAX) {
      setError(`β must be a number from 0 to ${BETA_MAX}`);
      return;
    }
    setSaving(true);
    try {
      const settings = { safePrompt, reversePrompt, method, ...weights };
      const saved = preset
        ? await app.presets.update({ presetId: preset.id, name, description, ...settings })
        : await app.presets.create({ name, description, ...settings });
      app.toasts.show(
        preset ? `Saved “${saved.name}” as version ${saved.latest.number}` : `Created “${saved.name}”`,
      );
      onDone(saved.id);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="preset-editor"
      aria-labelledby="preset-editor-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="preset-editor-title">{preset ? `Edit “${preset.name}”` : 'New preset'}</h2>
      {preset && (
        <p className="hint">
          Saving adds version {preset.latest.number + 1}; earlier versions stay as they were.
        </p>
      )}
      <label>
        Name
        <input value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Description
        <input value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        Safe prompt
        <textarea rows={4} value={safePrompt} required onChange={(e) => setSafePrompt(e.target.value)} />
      </label>
      <label>
        Reverse prompt
        <textarea
          rows={4}
          value={reversePrompt}
          required
          onChange={(e) => {
            setReversePrompt(e.target.value);
            setMethod('manual');
            setReplaced(null);
          }}
        />
      </label>
      <div className="button-row">
        <label>
          Derive with
          <select value={deriveWith} onChange={(e) => setDeriveWith(e.target.value as 'opposite' | 'random')}>
            <option value="opposite">opposite words</option>
            <option value="random">random words</option>
          </select>
        </label>
        <button type="button" className="button" disabled={!safePrompt.trim()} onClick={() => void derive()}>
          Derive reverse prompt
        </button>
        <span className="hint">Made by: {method}</span>
        {replaced && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setReversePrompt(replaced.reversePrompt);
              setMethod(replaced.method);
              setReplaced(null);
            }}
          >
            Undo derive
          </button>
        )}
      </div>
      <div className="button-row">
        <label>
          Alpha (α)
          <input
            type="number"
            min={0}
            max={ALPHA_MAX}
            step={0.1}
            value={alpha}
            onChange={(e) => setAlpha(e.target.value)}
          />
        </label>
        {alphaNote && <span className="composer-settings__warning">{alphaNote}</span>}
        <label>
          Beta (β)
          <input
            type="number"
            min={0}
            max={BETA_MAX}
            step={0.05}
            value={beta}
            onChange={(e) => setBeta(e.target.value)}
          />
        </label>
      </div>
      {error && (
        <p role="alert" className="composer__error">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={saving}>
          {preset ? 'Save as new version' : 'Create preset'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
