import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/contract/index.js';
import { useApp } from '../../appContext.js';
import { useStore } from '../../stores/createStore.js';
import { lockOf } from '../../stores/policyStore.js';
import { Notice } from '../Notice/Notice.js';
import { LockedBadge } from '../Policy/LockedBadge.js';
import { UnlockPanel } from '../Family/UnlockPanel.js';
import { About } from './About.js';
import { LocalApiSection } from './LocalApiSection.js';

const themes: Array<{ value: Settings['theme']; label: string }> = [
  { value: 'system', label: 'Same as the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Theme, font size, threads, where the data lives, and the About box. */
export function SettingsPage() {
  const app = useApp();
  const state = useStore(app.settings.store);
  const settings = state.settings;
  // Settings locked by a guardian stay visible, disabled, with who locked them; the app refuses
  // the change anyway (policy-denied), this only saves a pointless round trip.
  const policyView = useStore(app.policy.store).view;
  const lock = lockOf(policyView, 'settingsPageAllowed');
  const locked = lock !== null && lock.value === false;
  const [threads, setThreads] = useState('');
  // The About box changes as the app runs (model loaded, GPU detected): fetch it fresh on each visit.
  useEffect(() => {
    void app.settings.load();
  }, [app]);
  useEffect(
    () => setThreads(settings?.threads === null ? '' : String(settings?.threads ?? '')),
    [settings?.threads],
  );

  if (state.status === 'loading') return <Notice kind="loading" title="Loading settings…" />;
  // In child mode the settings are the parent's: the page asks for the PIN first.
  if (policyView?.childMode)
    return (
      <div className="settings">
        <h1>Settings</h1>
        <UnlockPanel why="Settings are set by a parent. Enter the parent PIN to change them." />
      </div>
    );
  if (!settings) {
    return (
      <Notice
        kind="error"
        title="Could not load the settings"
        action={{ label: 'Try again', run: () => void app.settings.load() }}
      >
        {state.error}
      </Notice>
    );
  }

  const commitThreads = () => {
    const value = threads.trim() === '' ? null : Number(threads);
    if (value !== null && (!Number.isInteger(value) || value < 1 || value > 256)) {
      setThreads(settings.threads === null ? '' : String(settings.threads));
      return;
    }
    if (value !== settings.threads) void app.settings.change({ threads: value });
  };

  return (
    <div className="settings">
      <h1>Settings</h1>
      {locked && (
        <p className="locked-note">
          Changing settings is turned off. <LockedBadge lock={lock} />
        </p>
      )}
      {state.error && (
        <p role="alert" className="composer__error">
          {state.error}
        </p>
      )}
      <fieldset className="radio-row">
        <legend>Theme</legend>
        {themes.map((t) => (
          <label key={t.value}>
            <input
              type="radio"
              name="theme"
              value={t.value}
              checked={settings.theme === t.value}
              disabled={locked}
              onChange={() => void app.settings.change({ theme: t.value })}
            />
            {t.label}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Font size (pixels)</span>
        <select
          disabled={locked}
          value={settings.fontSize}
          onChange={(e) => void app.settings.change({ fontSize: Number(e.target.value) })}
        >
          {[12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32].map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Decoding threads (empty = chosen for this computer; now {settings.threadsInUse})</span>
        <input
          type="number"
          disabled={locked}
          min={1}
          max={256}
          value={threads}
          placeholder="automatic"
          onChange={(e) => setThreads(e.target.value)}
          onBlur={commitThreads}
          onKeyDown={(e) => e.key === 'Enter' && commitThreads()}
        />
        <span className="hint">Takes effect when the next model is loaded.</span>
      </label>
      <div className="field">
        <span>Data folder</span>
        <code className="path">{settings.dataDir}</code>
        <span className="hint">
          Conversations, presets, models and settings live here. Start Rose with <code>--data-dir</code> to
          use another folder.
        </span>
      </div>
      <LocalApiSection locked={locked} desktop={state.info?.shell === 'electron'} />
      <About info={state.info} onOpenLogFolder={() => void app.settings.openLogFolder()} />
    </div>
  );
}
