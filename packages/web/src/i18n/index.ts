import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ru } from './ru';

export const LANGUAGES = ['ru', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

const LANGUAGE_KEY = 'dnevnik.lang';

function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(LANGUAGE_KEY);
    return isLanguage(stored) ? stored : 'ru';
  } catch {
    // Storage unavailable: Russian, the school's language.
    return 'ru';
  }
}

i18n.on('languageChanged', (lng) => {
  // Screen readers and hyphenation follow <html lang>.
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(LANGUAGE_KEY, lng);
  } catch {
    // Without storage the choice just lasts until the page is reloaded.
  }
});

// Resources are bundled, so initialisation completes synchronously and
// components never suspend waiting for translations.
void i18n.use(initReactI18next).init({
  resources: { ru: { translation: ru }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'ru',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false }, // React already escapes output
});
