import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminScreen } from '../admin/AdminScreen';
import { clearToken } from '../auth/session';
import { graphql } from '../gql';
import { DiaryScreen } from '../diary/DiaryScreen';
import { useErrorText } from '../i18n/useErrorText';
import { JournalScreen } from '../journal/JournalScreen';
import { Toasts } from '../live/Toasts';
import { CommsScreen } from '../messaging/CommsScreen';
import { DeviceSettings } from '../pwa/DeviceSettings';
import { OfflineBanner } from '../pwa/OfflineBanner';
import { OfflineQueue } from '../pwa/OfflineQueue';
import { ReportsScreen } from '../reports/ReportsScreen';
import { useRoute } from '../routing/route';
import { SettingsScreen } from '../settings/SettingsScreen';
import { Header } from './Header';
import { LanguageSwitch } from './LanguageSwitch';
import { LogoutButton } from './LogoutButton';
import { Nav } from './Nav';
import { WelcomeCard } from './WelcomeCard';

const ShellQuery = graphql(`
  query Shell {
    viewer {
      id
      ...Header_viewer
      ...WelcomeCard_viewer
      ...Nav_viewer
    }
  }
`);

export function Shell() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(ShellQuery);
  const route = useRoute();
  const viewer = data?.viewer;
  const sessionGone = data !== undefined && viewer === null;

  // `viewer: null` is the API's answer to a token with no live session.
  useEffect(() => {
    if (sessionGone) clearToken();
  }, [sessionGone]);

  if (viewer) {
    return (
      <div className={route.name === 'journal' ? 'shell shell--wide' : 'shell'}>
        <Header viewer={viewer} />
        <Nav viewer={viewer} route={route} />
        <main className="main">
          <OfflineBanner />
          <OfflineQueue viewerId={viewer.id} />
          {route.name === 'journal' ? (
            <JournalScreen route={route} />
          ) : route.name === 'diary' || route.name === 'term' ? (
            <DiaryScreen route={route} />
          ) : route.name === 'comms' ? (
            <CommsScreen view={route.view} />
          ) : route.name === 'device' ? (
            <DeviceSettings />
          ) : route.name === 'admin' ? (
            <AdminScreen section={route.section} />
          ) : route.name === 'reports' ? (
            <ReportsScreen />
          ) : route.name === 'settings' ? (
            <SettingsScreen />
          ) : (
            <WelcomeCard viewer={viewer} />
          )}
        </main>
        <Toasts />
      </div>
    );
  }

  if (error) {
    return (
      <div className="status-page">
        <div className="status-page__bar">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitch />
        </div>
        <div className="card status-card" role="alert">
          <h1 className="status-card__title">{t('errors.loadFailed')}</h1>
          <p className="muted">{errorText(error)}</p>
          <div className="status-card__actions">
            <button type="button" className="button button--primary" onClick={() => void refetch()}>
              {t('app.retry')}
            </button>
            <LogoutButton />
          </div>
        </div>
      </div>
    );
  }

  return (
    <div className="status-page" aria-busy="true">
      <p className="muted status-page__loading">{t('app.loading')}</p>
    </div>
  );
}
