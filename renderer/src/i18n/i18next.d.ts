import 'i18next';
import type { english } from './resources.js';

// Typed keys: `t('chat.stop')` fails the type check when English has no such text.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof english };
  }
}
