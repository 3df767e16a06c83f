import { useTranslation } from 'react-i18next';
import { useOfflineSince } from './serviceWorker';

/** Says plainly that what is on screen is a saved copy, and from when (R: issue 10). */
export function OfflineBanner() {
  const { t, i18n } = useTranslation();
  const since = useOfflineSince();
  if (!since) return null;
  const at = new Date(since).toLocaleString(i18n.resolvedLanguage ?? 'ru', {
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <p className="offline-banner" role="status" data-testid="offline-banner">
      {t('pwa.offlineData', { at })}
    </p>
  );
}
