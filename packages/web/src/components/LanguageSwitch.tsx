import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          title={t(`language.${lng}Title`)}
          aria-pressed={i18n.resolvedLanguage === lng}
          data-testid={`lang-${lng}`}
          onClick={() => void changeLanguage(lng)}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </div>
  );
}
