import { useState } from 'react';
import type { Preset, PresetId, PresetVersion } from '../../../../shared/domain.js';
import { messageOf } from '../../api/call.js';
import { useApp } from '../../appContext.js';
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
      <h2 id="preset-detail-title">{preset.name}</h2>
      <p className="hint">
        {builtin ? 'Built-in preset (read-only; duplicate it to make your own). ' : ''}
        {preset.description}
      </p>
      <div className="button-row">
        {editable && (
          <button type="button" className="button" onClick={onEdit}>
            Edit preset
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
                app.toasts.show(`Made “${copy.name}”`);
              })
            }
          >
            Duplicate
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
          Export
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            void app.chat.configure({ presetVersionId: latest.id });
            app.goTo('chat');
          }}
        >
          Use in chat
        </button>
        {editable &&
          (confirmDelete ? (
            <span className="confirm" role="alert">
              Delete “{preset.name}”?{' '}
              <button
                type="button"
                className="button button--danger"
                onClick={() =>
                  act(async () => {
                    await app.presets.remove(preset.id);
                    onSelect(null);
                    app.toasts.show(`Deleted “${preset.name}”`);
                  })
                }
              >
                Yes, delete
              </button>
              <button type="button" className="button" onClick={() => setConfirmDelete(false)}>
                Keep it
              </button>
            </span>
          ) : (
            <button type="button" className="button button--danger" onClick={() => setConfirmDelete(true)}>
              Delete preset
            </button>
          ))}
      </div>
      {error && (
        <p role="alert" className="composer__error">
          {error}
        </p>
      )}
      <dl className="preset-settings">
        <dt>Safe prompt</dt>
        <dd className="prompt-text">{latest.safePrompt}</dd>
        <dt>Reverse prompt</dt>
        <dd className="prompt-text">{latest.reversePrompt}</dd>
        <dt>Weights</dt>
        <dd>
          α {latest.alpha} · β {latest.beta} · reverse made by {latest.method}
        </dd>
      </dl>
      <PresetVersions versions={versions} latestId={latest.id} />
    </section>
  );
}
