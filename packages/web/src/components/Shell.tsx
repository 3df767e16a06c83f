import { useQuery } from '@apollo/client/react';
import { lazy, Suspense, useDeferredValue, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { clearToken } from '../auth/session';
import { useErrorText } from '../i18n/useErrorText';
import { Toasts } from '../live/Toasts';
import { OfflineBanner } from '../pwa/OfflineBanner';
import { OfflineQueue } from '../pwa/OfflineQueue';
import { useRoute } from '../routing/route';
import { setSchoolTimeZone } from '../shared/dates';
import { screens } from '../routing/screens';
import { Header } from './Header';
import { LanguageSwitch } from './LanguageSwitch';
import { LogoutButton } from './LogoutButton';
import { Nav } from './Nav';
import { ShellQuery } from './shellQuery';
import { shellClassName, ShellPreview } from './ShellPreview';
import { WelcomeCard } from './WelcomeCard';

// Each screen is its own bundle (routing/screens.ts).
const AdminScreen = lazy(() => screens.admin().then((m) => ({ default: m.AdminScreen })));
const DiaryScreen = lazy(() => screens.diary().then((m) => ({ default: m.DiaryScreen })));
const JournalScreen = lazy(() => screens.journal().then((m) => ({ default: m.JournalScreen })));
const PlanScreen = lazy(() => screens.plan().then((m) => ({ default: m.PlanScreen })));
const CommsScreen = lazy(() => screens.comms().then((m) => ({ default: m.CommsScreen })));
const DeviceSettings = lazy(() => screens.device().then((m) => ({ default: m.DeviceSettings })));
const ReportsScreen = lazy(() => screens.reports().then((m) => ({ default: m.ReportsScreen })));
const TodayScreen = lazy(() => screens.today().then((m) => ({ default: m.TodayScreen })));
const FamilyHome = lazy(() => screens.family().then((m) => ({ default: m.FamilyHome })));
const SettingsScreen = lazy(() => screens.settings().then((m) => ({ default: m.SettingsScreen })));
const NoticesScreen = lazy(() => screens.notices().then((m) => ({ default: m.NoticesScreen })));

export function Shell() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(ShellQuery);
  const route = useRoute();
  const viewer = data?.viewer;
  const sessionGone = data !== undefined && viewer === null;
  // The screen first renders in a deferred render of its own, after the header and the nav: React
  // renders it in slices between which the browser paints and handles input, instead of in one long
  // task with the shell (a week of lessons, a journal grid).
  const screenShown = useDeferredValue(true, false);

  // `viewer: null` is the API's answer to a token with no live session.
  useEffect(() => {
    if (sessionGone) clearToken();
  }, [sessionGone]);

  if (viewer) {
    // Before the screens below ask for «today».
    setSchoolTimeZone(viewer.timeZone);
    return (
      <div className={shellClassName(route)}>
        <Header viewer={viewer} />
        <Nav viewer={viewer} route={route} />
        <main className="main">
          <OfflineBanner />
          <OfflineQueue viewerId={viewer.id} />
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            {!screenShown ? (
              <p className="muted">{t('app.loading')}</p>
            ) : route.name === 'journal' ? (
              <JournalScreen route={route} />
            ) : route.name === 'plan' ? (
              <PlanScreen groupId={route.groupId} />
            ) : route.name === 'diary' || route.name === 'term' || route.name === 'progress' || route.name === 'exams' ? (
              <DiaryScreen route={route} />
            ) : route.name === 'comms' ? (
              <CommsScreen view={route.view} />
            ) : route.name === 'today' || (route.name === 'home' && viewer.taughtGroups.length > 0) ? (
              <TodayScreen on={route.name === 'today' ? route.on : undefined} />
            ) : route.name === 'device' ? (
              <DeviceSettings />
            ) : route.name === 'admin' ? (
              <AdminScreen section={route.section} />
            ) : route.name === 'reports' ? (
              <ReportsScreen key={route.tab} tab={route.tab} />
            ) : route.name === 'notices' ? (
              <NoticesScreen />
            ) : route.name === 'settings' ? (
              <SettingsScreen />
            ) : viewer.roles.includes('PARENT') || viewer.roles.includes('STUDENT') ? (
              <FamilyHome />
            ) : (
              <WelcomeCard viewer={viewer} />
            )}
          </Suspense>
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

  return <ShellPreview />;
}
