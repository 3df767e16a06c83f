import { useApolloClient } from '@apollo/client/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SAVED_AT_FORMAT } from './savedAt';
import { useOfflineSince } from './serviceWorker';

const RETRY_MS = 5000;

/**
 * Says plainly that what is on screen is a saved copy, and from when (issue 10); when the network
 * returns, the screen's queries are asked again so the copy is replaced by live data.
 */
export function OfflineBanner() {
  const { t, i18n } = useTranslation();
  const client = useApolloClient();
  const since = useOfflineSince();
  useEffect(() => {
    if (!since) return;
    const refresh = () => {
      if (navigator.onLine) void client.refetchQueries({ include: 'active' }).catch(() => undefined);
    };
    // Also every few seconds: the first request after "online" can still find no route to the server.
    const retry = setInterval(refresh, RETRY_MS);
    window.addEventListener('online', refresh);
    return () => {
      clearInterval(retry);
      window.removeEventListener('online', refresh);
    };
  }, [client, since]);
  if (!since) return null;
  const at = new Date(since).toLocaleString(i18n.resolvedLanguage ?? 'ru', SAVED_AT_FORMAT);
  return (
    <p className="offline-banner" role="status" data-testid="offline-banner">
      {t('pwa.offlineData', { at })}
    </p>
  );
}
