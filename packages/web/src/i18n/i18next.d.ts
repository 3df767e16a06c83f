import 'i18next';
import type { Messages } from './ru';

// Type-checks every t('…') key against the Russian resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
