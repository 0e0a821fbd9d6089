import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  FALLBACK_LANGUAGE,
  type LanguageSetting,
  UI_LANGUAGES,
  type UiLanguage,
  languageFor,
  matchLanguage,
} from '../../../shared/languages.js';
import { resources } from './resources.js';

/**
 * The app's one i18next instance, ready on import (every text is bundled, nothing loads later),
 * so a component or a test that imports it never sees a missing text. It starts in the system's
 * language; the Settings choice is applied once the settings arrive.
 */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: matchLanguage(systemLanguages()),
  fallbackLng: FALLBACK_LANGUAGE,
  supportedLngs: UI_LANGUAGES,
  initAsync: false,
  // React escapes what it renders; escaping here too would show "&amp;" in the page.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { useTranslation, Trans } from 'react-i18next';
export type { TFunction } from 'i18next';

function systemLanguages(): readonly string[] {
  return typeof navigator === 'undefined'
    ? []
    : navigator.languages?.length
      ? navigator.languages
      : [navigator.language];
}

let followedSetting: LanguageSetting = 'system';

/** Show the interface in the language a setting means, and tell the page (lang for screen readers). */
export function applyLanguage(setting: LanguageSetting, root = document.documentElement): UiLanguage {
  followedSetting = setting;
  const language = languageFor(setting, systemLanguages());
  root.lang = language;
  if (i18n.language !== language) void i18n.changeLanguage(language);
  return language;
}

// 'system' follows the OS or browser when its language changes while Rose is open.
if (typeof window !== 'undefined') {
  window.addEventListener('languagechange', () => {
    if (followedSetting === 'system') applyLanguage('system');
  });
}
