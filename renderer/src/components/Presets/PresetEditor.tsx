import { useState } from 'react';
import type { Preset, PresetId, ReverseMethod } from '../../../../shared/domain.js';
import { DEFAULT_ALPHA } from '../../../../shared/generationLimits.js';
import { ALPHA_MAX, BETA_MAX } from '../../../../shared/presetFile.js';
import { messageOf } from '../../api/call.js';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
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
  const { t } = useTranslation();
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
      setError(t('presets.editor.betaInvalid', { max: BETA_MAX }));
      return;
    }
    setSaving(true);
    try {
      const settings = { safePrompt, reversePrompt, method, ...weights };
      const saved = preset
        ? await app.presets.update({ presetId: preset.id, name, description, ...settings })
        : await app.presets.create({ name, description, ...settings });
      app.toasts.show(
        preset
          ? t('presets.editor.saved', { name: saved.name, number: saved.latest.number })
          : t('presets.editor.created', { name: saved.name }),
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
      <h2 id="preset-editor-title">
        {preset ? t('presets.editor.editTitle', { name: preset.name }) : t('presets.editor.newTitle')}
      </h2>
      {preset && (
        <p className="hint">{t('presets.editor.versionHint', { number: preset.latest.number + 1 })}</p>
      )}
      <label>
        {t('presets.editor.name')}
        <input value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('presets.editor.description')}
        <input value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        {t('presets.safePrompt')}
        <textarea rows={4} value={safePrompt} required onChange={(e) => setSafePrompt(e.target.value)} />
      </label>
      <label>
        {t('presets.reversePrompt')}
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
          {t('presets.editor.deriveWith')}
          <select value={deriveWith} onChange={(e) => setDeriveWith(e.target.value as 'opposite' | 'random')}>
            <option value="opposite">{t('presets.editor.deriveOpposite')}</option>
            <option value="random">{t('presets.editor.deriveRandom')}</option>
          </select>
        </label>
        <button type="button" className="button" disabled={!safePrompt.trim()} onClick={() => void derive()}>
          {t('presets.editor.derive')}
        </button>
        <span className="hint">{t('presets.editor.madeBy', { method: t(`presets.method.${method}`) })}</span>
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
            {t('presets.editor.undoDerive')}
          </button>
        )}
      </div>
      <div className="button-row">
        <label>
          {t('presets.editor.alpha')}
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
          {t('presets.editor.beta')}
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
          {preset ? t('presets.editor.saveVersion') : t('presets.editor.create')}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
