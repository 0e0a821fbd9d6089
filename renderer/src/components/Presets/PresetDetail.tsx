import { useState } from 'react';
import type { Preset, PresetId, PresetVersion } from '../../../../shared/domain.js';
import { messageOf } from '../../api/call.js';
import { useApp } from '../../appContext.js';
import { presetDescription, presetName } from '../../lib/presetLabels.js';
import { useTranslation } from '../../i18n/index.js';
import { downloadText } from '../../lib/download.js';
import { PresetVersions } from './PresetVersions.js';

type Props = {
  preset: Preset;
  versions: PresetVersion[];
  onEdit: () => void;
  onSelect: (id: PresetId | null) => void;
  /** Preset editing is forbidden by a guardian: edit, duplicate and delete are not offered. */
  readOnly?: boolean;
};

/** One preset: its latest prompts and weights, its actions and its version history. */
export function PresetDetail({ preset, versions, onEdit, onSelect, readOnly = false }: Props) {
  const app = useApp();
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const builtin = preset.builtinKey !== null;
  const editable = !builtin && !readOnly;
  const latest = preset.latest;

  const act = async (what: () => Promise<void>) => {
    setError(null);
    try {
      await what();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <section className="preset-detail" aria-labelledby="preset-detail-title">
      <h2 id="preset-detail-title">{presetName(preset, t)}</h2>
      <p className="hint">
        {builtin ? `${t('presets.detail.builtinNote')} ` : ''}
        {presetDescription(preset, t)}
      </p>
      <div className="button-row">
        {editable && (
          <button type="button" className="button" onClick={onEdit}>
            {t('presets.detail.edit')}
          </button>
        )}
        {!readOnly && (
          <button
            type="button"
            className="button"
            onClick={() =>
              act(async () => {
                const copy = await app.presets.duplicate(preset.id);
                onSelect(copy.id);
                app.toasts.show(t('presets.detail.duplicated', { name: copy.name }));
              })
            }
          >
            {t('presets.detail.duplicate')}
          </button>
        )}
        <button
          type="button"
          className="button"
          onClick={() =>
            act(async () => {
              const file = await app.presets.exportFile(preset.id);
              downloadText(file.fileName, file.text);
            })
          }
        >
          {t('presets.detail.export')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            void app.chat.configure({ presetVersionId: latest.id });
            app.goTo('chat');
          }}
        >
          {t('presets.detail.useInChat')}
        </button>
        {editable &&
          (confirmDelete ? (
            <span className="confirm" role="alert">
              {t('presets.detail.confirmDelete', { name: preset.name })}{' '}
              <button
                type="button"
                className="button button--danger"
                onClick={() =>
                  act(async () => {
                    await app.presets.remove(preset.id);
                    onSelect(null);
                    app.toasts.show(t('presets.detail.deleted', { name: preset.name }));
                  })
                }
              >
                {t('presets.detail.yesDelete')}
              </button>
              <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
                {t('presets.detail.keep')}
              </button>
            </span>
          ) : (
            <button type="button" className="button button--danger" onClick={() => setConfirmDelete(true)}>
              {t('presets.detail.delete')}
            </button>
          ))}
      </div>
      {error && (
        <p role="alert" className="composer__error">
          {error}
        </p>
      )}
      <dl className="preset-settings">
        <dt>{t('presets.safePrompt')}</dt>
        <dd className="prompt-text">{latest.safePrompt}</dd>
        <dt>{t('presets.reversePrompt')}</dt>
        <dd className="prompt-text">{latest.reversePrompt}</dd>
        <dt>{t('presets.detail.weights')}</dt>
        <dd>
          {t('presets.detail.weightsValue', {
            alpha: latest.alpha,
            beta: latest.beta,
            method: t(`presets.method.${latest.method}`),
          })}
        </dd>
      </dl>
      <PresetVersions versions={versions} latestId={latest.id} />
    </section>
  );
}
