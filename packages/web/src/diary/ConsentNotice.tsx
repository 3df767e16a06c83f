import { useTranslation } from 'react-i18next';

/** R-A6: the diary opens once consent to personal data processing is on record; say so kindly. */
export function ConsentNotice({ self }: { self: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="card consent" role="status" data-testid="diary-consent-required">
      <h2 className="section-title">{t('diary.consentTitle')}</h2>
      <p>{self ? t('diary.consentTextSelf') : t('diary.consentText')}</p>
      <p className="muted">{t('diary.consentHow')}</p>
    </div>
  );
}
