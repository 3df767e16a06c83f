import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
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

const initial = storedLanguage();

// Russian is bundled, so initialisation completes synchronously and components never suspend
// waiting for translations; another language is a bundle of its own, loaded before it is shown.
void i18n.use(initReactI18next).init({
  resources: { ru: { translation: ru } },
  lng: initial,
  fallbackLng: 'ru',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false }, // React already escapes output
});

/** Shows the app in `lng`, its strings loaded first (only Russian is in the first bundle). */
export async function changeLanguage(lng: Language): Promise<void> {
  if (!i18n.hasResourceBundle(lng, 'translation')) {
    const { en } = await import('./en');
    i18n.addResourceBundle('en', 'translation', en);
  }
  await i18n.changeLanguage(lng);
}

/** Settles when the stored language's strings are there: the first render waits for it. */
export const languageReady: Promise<void> = initial === 'ru' ? Promise.resolve() : changeLanguage(initial).catch(() => undefined);
