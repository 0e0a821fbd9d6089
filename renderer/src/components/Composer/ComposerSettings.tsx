import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';
import { versionInfo } from '../../stores/presetsStore.js';
import { AlphaControl } from './AlphaControl.js';
import { DEFAULT_PRESET_KEY } from '../../../../shared/generationLimits.js';
import { presetLabels } from '../../lib/presetLabels.js';

/**
 * Next to the message box: the model, the preset, α and ROSE on/off for the next reply. For an open
 * conversation they are its own settings (changing one is remembered there); for a new chat they
 * are the settings it will start with.
 */
export function ComposerSettings({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const app = useApp();
  const chat = useStore(app.chat.store);
  const models = useStore(app.models.store);
  const presets = useStore(app.presets.store);
  // In child mode ROSE is always on and α is the parent's: shown, not changeable.
  const childMode = useStore(app.policy.store, (s) => s.view?.childMode ?? false);
  const conversation = chat.view?.conversation ?? null;

  const modelId = conversation
    ? (models.items.find((m) => m.path === conversation.model)?.id ?? '')
    : (chat.draft.modelId ?? models.loaded?.modelId ?? models.items[0]?.id ?? '');
  const versionId =
    conversation?.presetVersionId ??
    chat.draft.presetVersionId ??
    presets.items.find((p) => p.builtinKey === DEFAULT_PRESET_KEY)?.latest.id ??
    presets.items[0]?.latest.id ??
    null;
  const info = versionInfo(presets, versionId);
  const alpha = (conversation ? conversation.alpha : chat.draft.alpha) ?? info?.version.alpha ?? 0;
  const roseEnabled = conversation ? conversation.roseEnabled : chat.draft.roseEnabled;
  const shownPresets = presets.items.filter((p) => p.deletedAt === null || p.id === info?.preset.id);
  const labels = presetLabels(shownPresets, t);

  const loadedName = models.loaded?.name ?? null;

  return (
    <fieldset className="composer-settings" disabled={disabled}>
      <legend className="visually-hidden">{t('composer.settings.legend')}</legend>
      <label>
        <span>{t('composer.settings.model')}</span>
        <select value={modelId} onChange={(e) => void app.chat.configure({ modelId: e.target.value })}>
          {modelId === '' && (
            <option value="">
              {models.items.length ? t('composer.settings.chooseModel') : t('composer.settings.noModel')}
            </option>
          )}
          {models.items.map((m) => {
            let name = m.displayName;
            if (models.loaded?.path === m.path) name = t('composer.settings.modelLoaded', { name });
            if (m.missing) name = t('composer.settings.modelMissing', { name });
            return (
              <option key={m.id} value={m.id} disabled={m.missing}>
                {name}
              </option>
            );
          })}
        </select>
      </label>
      <label>
        <span>{t('composer.settings.preset')}</span>
        <select
          value={info?.preset.id ?? ''}
          onChange={(e) => {
            const preset = presets.items.find((p) => p.id === Number(e.target.value));
            if (preset) void app.chat.configure({ presetVersionId: preset.latest.id });
          }}
        >
          {!info && <option value="">{t('composer.settings.defaultPreset')}</option>}
          {shownPresets.map((p) => {
            const name = labels.get(p.id) ?? p.name;
            return (
              <option key={p.id} value={p.id}>
                {info?.preset.id === p.id && info.version.id !== p.latest.id
                  ? t('composer.settings.presetVersion', { name, number: info.version.number })
                  : name}
              </option>
            );
          })}
        </select>
      </label>
      <AlphaControl
        alpha={alpha}
        disabled={!roseEnabled || childMode}
        onChange={(value) => void app.chat.configure({ alpha: value })}
      />
      {childMode ? (
        <span className="locked-badge">
          <span aria-hidden="true">🔒 </span>
          {t('composer.settings.roseLocked')}
        </span>
      ) : (
        <label className="toggle">
          <input
            type="checkbox"
            checked={roseEnabled}
            onChange={(e) => void app.chat.configure({ roseEnabled: e.target.checked })}
          />
          <span>{t('composer.settings.rose')}</span>
        </label>
      )}
      <span className="composer-settings__loaded" role="status">
        {models.loading
          ? t('composer.settings.loadingModel', { percent: Math.round(models.loading.fraction * 100) })
          : loadedName
            ? t('composer.settings.loaded', { name: loadedName })
            : t('composer.settings.notLoaded')}
      </span>
    </fieldset>
  );
}
