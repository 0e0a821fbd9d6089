import { useEffect, useRef, useState } from 'react';
import type { PresetId } from '../../../../shared/domain.js';
import { messageOf } from '../../api/call.js';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';
import { isAllowed, lockOf } from '../../stores/policyStore.js';
import { Notice } from '../Notice/Notice.js';
import { PageNotice } from '../Notice/PageNotice.js';
import { LockedBadge } from '../Policy/LockedBadge.js';
import { PresetDetail } from './PresetDetail.js';
import { PresetEditor } from './PresetEditor.js';
import { presetLabels } from '../../lib/presetLabels.js';

type Mode = { kind: 'view' } | { kind: 'create' } | { kind: 'edit'; presetId: PresetId };

/** Reverse-prompt presets: list, versions, create, edit, duplicate, import/export, delete. */
export function PresetsPage() {
  const app = useApp();
  const { t } = useTranslation();
  const presets = useStore(app.presets.store);
  const [selected, setSelected] = useState<PresetId | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [importError, setImportError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  const detail = useRef<HTMLDivElement>(null);
  // When the editor closes, the focus returns to the button that opened it (not to the page's top).
  const [refocus, setRefocus] = useState<'new' | 'edit' | null>(null);
  useEffect(() => {
    if (refocus === null || mode.kind !== 'view') return;
    const editButton = [...(detail.current?.querySelectorAll('button') ?? [])].find(
      (b) => b.textContent === t('presets.detail.edit'),
    );
    (refocus === 'edit' && editButton ? editButton : newButton.current)?.focus();
    setRefocus(null);
  }, [refocus, mode, t]);
  // A guardian may forbid preset editing: the controls are not offered (the app refuses anyway).
  const policyView = useStore(app.policy.store).view;
  const editing = isAllowed(policyView, 'presetEditingAllowed');
  const editingLock = lockOf(policyView, 'presetEditingAllowed');

  const shown = presets.items.filter((p) => p.deletedAt === null);
  const labels = presetLabels(shown, t);
  const current = shown.find((p) => p.id === selected) ?? shown[0] ?? null;

  if (presets.status === 'loading')
    return <PageNotice heading={t('presets.title')} kind="loading" title={t('presets.loading')} />;
  if (presets.status === 'error') {
    return (
      <PageNotice
        heading={t('presets.title')}
        kind="error"
        title={t('presets.loadFailed')}
        action={{ label: t('common.tryAgain'), run: () => void app.presets.load() }}
      >
        {presets.error}
      </PageNotice>
    );
  }

  const importFile = async (file: File) => {
    setImportError(null);
    try {
      const preset = await app.presets.importText(await file.text());
      setSelected(preset.id);
      setMode({ kind: 'view' });
      app.toasts.show(t('presets.imported', { name: preset.name }));
    } catch (error) {
      setImportError(t('presets.importFailed', { file: file.name, error: messageOf(error) }));
    }
  };

  return (
    <div className="presets">
      <div className="presets__list">
        <h1>{t('presets.title')}</h1>
        {!editing && (
          <p className="locked-note">
            {t('presets.lockedNote')} <LockedBadge lock={editingLock} />
          </p>
        )}
        {editing && (
          <div className="button-row">
            <button
              ref={newButton}
              type="button"
              className="button button--primary"
              onClick={() => setMode({ kind: 'create' })}
            >
              {t('presets.new')}
            </button>
            <button type="button" className="button" onClick={() => fileInput.current?.click()}>
              {t('presets.import')}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              aria-label={t('presets.importFile')}
              tabIndex={-1}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile(file);
              }}
            />
          </div>
        )}
        {importError && (
          <p role="alert" className="composer__error">
            {importError}
          </p>
        )}
        <ul className="preset-list">
          {shown.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="preset-list__item"
                aria-current={current?.id === p.id && mode.kind === 'view' ? 'true' : undefined}
                onClick={() => {
                  setSelected(p.id);
                  setMode({ kind: 'view' });
                }}
              >
                <span>{labels.get(p.id) ?? p.name}</span>
                <span className="badge">
                  {p.builtinKey
                    ? t('presets.builtinBadge')
                    : t('presets.versionBadge', { number: p.latest.number })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="presets__detail" ref={detail}>
        {editing && mode.kind === 'create' && (
          <PresetEditor
            preset={null}
            onDone={(id) => {
              if (id !== null) setSelected(id);
              setMode({ kind: 'view' });
              setRefocus(id === null ? 'new' : 'edit');
            }}
          />
        )}
        {editing && mode.kind === 'edit' && (
          <PresetEditor
            preset={presets.items.find((p) => p.id === mode.presetId) ?? null}
            onDone={() => {
              setMode({ kind: 'view' });
              setRefocus('edit');
            }}
          />
        )}
        {mode.kind === 'view' && current && (
          <PresetDetail
            preset={current}
            versions={presets.details[current.id]?.versions ?? [current.latest]}
            onEdit={() => setMode({ kind: 'edit', presetId: current.id })}
            onSelect={setSelected}
            readOnly={!editing}
          />
        )}
        {mode.kind === 'view' && !current && (
          <Notice kind="empty" title={t('presets.emptyTitle')}>
            {t('presets.emptyHint')}
          </Notice>
        )}
      </div>
    </div>
  );
}
