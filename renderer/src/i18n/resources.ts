// The interface texts: one JSON file per area of the app and language (see docs/i18n.md).
// A new area or language is added here by hand, with its file in every language folder.

import en_common from './locales/en/common.json';
import en_app from './locales/en/app.json';
import en_chat from './locales/en/chat.json';
import en_composer from './locales/en/composer.json';
import en_compare from './locales/en/compare.json';
import en_sidebar from './locales/en/sidebar.json';
import en_presets from './locales/en/presets.json';
import en_models from './locales/en/models.json';
import en_settings from './locales/en/settings.json';
import en_bench from './locales/en/bench.json';
import en_family from './locales/en/family.json';
import en_policy from './locales/en/policy.json';
import zhCN_common from './locales/zh-CN/common.json';
import zhCN_app from './locales/zh-CN/app.json';
import zhCN_chat from './locales/zh-CN/chat.json';
import zhCN_composer from './locales/zh-CN/composer.json';
import zhCN_compare from './locales/zh-CN/compare.json';
import zhCN_sidebar from './locales/zh-CN/sidebar.json';
import zhCN_presets from './locales/zh-CN/presets.json';
import zhCN_models from './locales/zh-CN/models.json';
import zhCN_settings from './locales/zh-CN/settings.json';
import zhCN_bench from './locales/zh-CN/bench.json';
import zhCN_family from './locales/zh-CN/family.json';
import zhCN_policy from './locales/zh-CN/policy.json';
import es_common from './locales/es/common.json';
import es_app from './locales/es/app.json';
import es_chat from './locales/es/chat.json';
import es_composer from './locales/es/composer.json';
import es_compare from './locales/es/compare.json';
import es_sidebar from './locales/es/sidebar.json';
import es_presets from './locales/es/presets.json';
import es_models from './locales/es/models.json';
import es_settings from './locales/es/settings.json';
import es_bench from './locales/es/bench.json';
import es_family from './locales/es/family.json';
import es_policy from './locales/es/policy.json';

const en = {
  common: en_common,
  app: en_app,
  chat: en_chat,
  composer: en_composer,
  compare: en_compare,
  sidebar: en_sidebar,
  presets: en_presets,
  models: en_models,
  settings: en_settings,
  bench: en_bench,
  family: en_family,
  policy: en_policy,
};
const zhCN = {
  common: zhCN_common,
  app: zhCN_app,
  chat: zhCN_chat,
  composer: zhCN_composer,
  compare: zhCN_compare,
  sidebar: zhCN_sidebar,
  presets: zhCN_presets,
  models: zhCN_models,
  settings: zhCN_settings,
  bench: zhCN_bench,
  family: zhCN_family,
  policy: zhCN_policy,
};
const es = {
  common: es_common,
  app: es_app,
  chat: es_chat,
  composer: es_composer,
  compare: es_compare,
  sidebar: es_sidebar,
  presets: es_presets,
  models: es_models,
  settings: es_settings,
  bench: es_bench,
  family: es_family,
  policy: es_policy,
};

/** English is the source: its keys are the typed keys of `t()` and the others must match them. */
export const english = en;

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
  es: { translation: es },
} as const;
