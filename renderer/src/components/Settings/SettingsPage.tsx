import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/contract/index.js';
import { LANGUAGE_NAMES, UI_LANGUAGES, matchLanguage } from '../../../../shared/languages.js';
import { useApp } from '../../appContext.js';
import { Trans, useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';
import { lockOf } from '../../stores/policyStore.js';
import { GenerationFields } from '../Composer/GenerationFields.js';
import { PageNotice } from '../Notice/PageNotice.js';
import { LockedBadge } from '../Policy/LockedBadge.js';
import { UnlockPanel } from '../Family/UnlockPanel.js';
import { About } from './About.js';
import { LocalApiSection } from './LocalApiSection.js';

const themes: readonly Settings['theme'][] = ['system', 'light', 'dark'];

/** Theme, language, font size, threads, where the data lives, the local API and the About box. */
export function SettingsPage() {
  const app = useApp();
  const { t } = useTranslation();
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

  if (state.status === 'loading')
    return <PageNotice heading={t('settings.title')} kind="loading" title={t('settings.loading')} />;
  // In child mode the settings are the parent's: the page asks for the PIN first.
  if (policyView?.childMode)
    return (
      <div className="settings">
        <h1>{t('settings.title')}</h1>
        <UnlockPanel why={t('settings.childWhy')} />
      </div>
    );
  if (!settings) {
    return (
      <PageNotice
        heading={t('settings.title')}
        kind="error"
        title={t('settings.loadFailed')}
        action={{ label: t('common.tryAgain'), run: () => void app.settings.load() }}
      >
        {state.error}
      </PageNotice>
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
      <h1>{t('settings.title')}</h1>
      {locked && (
        <p className="locked-note">
          {t('settings.locked')} <LockedBadge lock={lock} />
        </p>
      )}
      {state.error && (
        <p role="alert" className="composer__error">
          {state.error}
        </p>
      )}
      <fieldset className="radio-row">
        <legend>{t('settings.theme.legend')}</legend>
        {themes.map((theme) => (
          <label key={theme}>
            <input
              type="radio"
              name="theme"
              value={theme}
              checked={settings.theme === theme}
              disabled={locked}
              onChange={() => void app.settings.change({ theme })}
            />
            {t(`settings.theme.${theme}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('settings.language.label')}</span>
        <select
          disabled={locked}
          value={settings.language}
          onChange={(e) => void app.settings.change({ language: e.target.value as Settings['language'] })}
        >
          <option value="system">
            {t('settings.language.system', { name: LANGUAGE_NAMES[matchLanguage(navigator.languages)] })}
          </option>
          {UI_LANGUAGES.map((language) => (
            // Each language is named in itself, so a reader finds their own whatever the page shows.
            <option key={language} value={language} lang={language}>
              {LANGUAGE_NAMES[language]}
            </option>
          ))}
        </select>
        {state.info?.shell !== 'electron' && <span className="hint">{t('settings.language.hint')}</span>}
      </label>
      <label className="field">
        <span>{t('settings.fontSize')}</span>
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
        <span>{t('settings.threads.label', { threads: settings.threadsInUse })}</span>
        <input
          type="number"
          disabled={locked}
          min={1}
          max={256}
          value={threads}
          placeholder={t('settings.threads.placeholder')}
          onChange={(e) => setThreads(e.target.value)}
          onBlur={commitThreads}
          onKeyDown={(e) => e.key === 'Enter' && commitThreads()}
        />
        <span className="hint">{t('settings.threads.hint')}</span>
      </label>
      <section className="generation-defaults" aria-labelledby="generation-defaults-title">
        <h2 id="generation-defaults-title">{t('settings.generation.title')}</h2>
        <p className="hint">{t('settings.generation.hint')}</p>
        <GenerationFields
          generation={settings.generationDefaults}
          defaults={null}
          disabled={locked}
          idPrefix="defaults"
          resetLabel={t('settings.generation.reset')}
          onSave={(next) => void app.settings.change({ generationDefaults: next })}
        />
      </section>
      <div className="field">
        <span>{t('settings.dataFolder.label')}</span>
        <code className="path">{settings.dataDir}</code>
        <span className="hint">
          <Trans i18nKey="settings.dataFolder.hint" components={{ code: <code /> }} />
        </span>
      </div>
      <LocalApiSection locked={locked} desktop={state.info?.shell === 'electron'} />
      <About info={state.info} onOpenLogFolder={() => void app.settings.openLogFolder()} />
    </div>
  );
}
