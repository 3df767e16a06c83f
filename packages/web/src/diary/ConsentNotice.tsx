import { useTranslation } from 'react-i18next';
import { GiveConsent } from '../home/Consent';

/**
 * R-A6: the diary opens once consent to personal data processing is on record; say so kindly, and
 * let the parent (or the student from 14) give it here and now.
 */
export function ConsentNotice({ self, studentId, childName }: { self: boolean; studentId: string; childName: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="card consent" role="status" data-testid="diary-consent-required">
      <h2 className="section-title">{t('diary.consentTitle')}</h2>
      <p>{self ? t('diary.consentTextSelf') : t('diary.consentText')}</p>
      <p className="muted">{t('diary.consentHow')}</p>
      <GiveConsent studentId={studentId} childName={self ? null : childName} />
    </div>
  );
}
