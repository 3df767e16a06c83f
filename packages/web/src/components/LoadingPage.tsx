import { useTranslation } from 'react-i18next';

/** The whole page while the signed-in app starts: its bundle first, then the shell's data. */
export function LoadingPage() {
  const { t } = useTranslation();
  return (
    <div className="status-page" aria-busy="true">
      <p className="muted status-page__loading">{t('app.loading')}</p>
    </div>
  );
}
