/** The languages the interface is translated into. English is the fallback for a missing text. */
export const UI_LANGUAGES = ['en', 'zh-CN', 'es'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: UiLanguage = 'en';

/** The Settings choice: one language, or 'system' to follow the OS (the browser's, in serve mode). */
export const LANGUAGE_SETTINGS = ['system', ...UI_LANGUAGES] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

/** Each language's name in itself, the way a language picker shows it. */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = {
  en: 'English',
  'zh-CN': '简体中文',
  es: 'Español',
};

/**
 * The best interface language for BCP 47 tags in order of preference (`navigator.languages`):
 * an exact match first, then the same base language (es-MX reads Spanish; any Chinese reads the
 * Simplified translation, which is closer for a zh-TW reader than English), else the fallback.
 */
export function matchLanguage(preferred: readonly string[]): UiLanguage {
  for (const tag of preferred) {
    const wanted = tag.toLowerCase();
    const exact = UI_LANGUAGES.find((language) => language.toLowerCase() === wanted);
    if (exact) return exact;
    const base = wanted.split('-')[0];
    const sameBase = UI_LANGUAGES.find((language) => language.toLowerCase().split('-')[0] === base);
    if (sameBase) return sameBase;
  }
  return FALLBACK_LANGUAGE;
}

/** The language a setting means on this machine. */
export function languageFor(setting: LanguageSetting, systemLanguages: readonly string[]): UiLanguage {
  return setting === 'system' ? matchLanguage(systemLanguages) : setting;
}
