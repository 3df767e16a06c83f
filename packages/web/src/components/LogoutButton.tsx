import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { clearToken } from '../auth/session';
import { graphql } from '../gql';

const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export function LogoutButton() {
  const { t } = useTranslation();
  const [logout, { loading }] = useMutation(LogoutMutation);

  async function handleClick() {
    try {
      await logout();
    } catch {
      // Signing out must work even when the server cannot be reached; the
      // server-side session then just runs until it expires.
    }
    // Forgetting the token also closes the WebSocket and clears the cache.
    clearToken();
  }

  return (
    <button type="button" className="button button--ghost" disabled={loading} onClick={() => void handleClick()} data-testid="logout">
      {t('header.logout')}
    </button>
  );
}
