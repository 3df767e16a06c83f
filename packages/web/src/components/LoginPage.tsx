import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setToken } from '../auth/session';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { LanguageSwitch } from './LanguageSwitch';

const LoginMutation = graphql(`
  mutation Login($login: String!, $password: String!, $deviceToken: String) {
    login(login: $login, password: $password, deviceToken: $deviceToken) {
      token
      deviceToken
    }
  }
`);

/**
 * The token the server gave this browser at its last sign-in with a login: sent with the next one, so
 * that wrong passwords typed elsewhere do not hold this device up. Kept after signing out on purpose.
 */
const deviceTokenKey = (login: string) => `dnevnik.device.${login.trim().toLowerCase()}`;

export function LoginPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [signIn, { loading }] = useMutation(LoginMutation);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      const deviceToken = localStorage.getItem(deviceTokenKey(login));
      const { data } = await signIn({ variables: { login: login.trim(), password, deviceToken } });
      if (data) {
        if (data.login.deviceToken) localStorage.setItem(deviceTokenKey(login), data.login.deviceToken);
        setToken(data.login.token);
      }
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="login-page">
      <div className="login-page__lang">
        <LanguageSwitch />
      </div>
      <main className="card login-card">
        <p className="brand brand--large">{t('app.name')}</p>
        <p className="muted">{t('app.tagline')}</p>
        <h1 className="login-card__title">{t('login.title')}</h1>
        <form className="form" onSubmit={(e) => void handleSubmit(e)}>
          <div className="field">
            <label htmlFor={`${id}-login`}>{t('login.login')}</label>
            <input
              id={`${id}-login`}
              name="login"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={login}
              onChange={(e) => setLogin(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              data-testid="login-input"
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('login.password')}</label>
            <input
              id={`${id}-password`}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              data-testid="password-input"
            />
          </div>
          {error ? (
            <p id={`${id}-error`} className="form-error" role="alert" data-testid="login-error">
              {errorText(error, { UNAUTHENTICATED: t('login.invalidCredentials') })}
            </p>
          ) : null}
          <button
            className="button button--primary"
            type="submit"
            disabled={loading}
            aria-busy={loading}
            data-testid="login-submit"
          >
            {t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
