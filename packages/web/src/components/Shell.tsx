import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { clearToken } from '../auth/session';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { Header } from './Header';
import { LanguageSwitch } from './LanguageSwitch';
import { LogoutButton } from './LogoutButton';
import { WelcomeCard } from './WelcomeCard';

const ShellQuery = graphql(`
  query Shell {
    viewer {
      id
      ...Header_viewer
      ...WelcomeCard_viewer
    }
  }
`);

export function Shell() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(ShellQuery);
  const viewer = data?.viewer;
  const sessionGone = data !== undefined && viewer === null;

  // `viewer: null` is the API's answer to a token with no live session.
  useEffect(() => {
    if (sessionGone) clearToken();
  }, [sessionGone]);

  if (viewer) {
    return (
      <div className="shell">
        <Header viewer={viewer} />
        <main className="main">
          <WelcomeCard viewer={viewer} />
        </main>
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
