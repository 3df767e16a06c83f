import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './apollo/client';
import { App, preloadShell } from './App';
import { getToken } from './auth/session';
import { ShellQuery } from './components/shellQuery';
import { languageReady } from './i18n';
import { registerServiceWorker } from './pwa/serviceWorker';
import { parseRoute } from './routing/route';
import { preloadScreen } from './routing/screens';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const client = createApolloClient();

// Signed in: the shell's bundle and query, the screen's bundle and the query it starts from go out at
// once, side by side, instead of each waiting for the one before (each renders from the cache).
if (getToken()) {
  preloadShell();
  preloadScreen(parseRoute(window.location.hash), client);
  void client.query({ query: ShellQuery }).catch(() => undefined);
}

registerServiceWorker();

void languageReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <ApolloProvider client={client}>
        <App />
      </ApolloProvider>
    </StrictMode>,
  ),
);
