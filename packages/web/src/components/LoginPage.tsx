import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { postDocument } from '../apollo/early';
import { setToken } from '../auth/session';
import { graphql, type DocumentType } from '../gql';
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

type LoginResult = { data?: DocumentType<typeof LoginMutation> | null; errors?: CombinedGraphQLErrors['errors'] };

/**
 * Signs in with a plain request: the login page loads without Apollo Client. A refusal is thrown as
 * Apollo would throw it (the GraphQL errors, or the server's answer), so its words are the same.
 */
async function requestLogin(variables: { login: string; password: string; deviceToken: string | null }): Promise<DocumentType<typeof LoginMutation>> {
  const response = await postDocument(LoginMutation, variables, null);
  const bodyText = await response.text();
  let result: LoginResult | null = null;
  try {
    result = JSON.parse(bodyText) as LoginResult;
  } catch {
    // Not JSON (a proxy's error page): the status says what happened.
  }
  if (result?.errors?.length) throw new CombinedGraphQLErrors({ data: result.data ?? null, errors: result.errors });
  if (!response.ok || !result?.data) throw new ServerError(`Response not successful: Received status code ${response.status}`, { response, bodyText });
  return result.data;
}

export function LoginPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setLoading(true);
    try {
      const deviceToken = localStorage.getItem(deviceTokenKey(login));
      const data = await requestLogin({ login: login.trim(), password, deviceToken });
      if (data.login.deviceToken) localStorage.setItem(deviceTokenKey(login), data.login.deviceToken);
      setToken(data.login.token);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
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
          <button className="button button--primary" type="submit" disabled={loading} aria-busy={loading} data-testid="login-submit">
            {t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
