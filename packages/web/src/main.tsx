import i18n from 'i18next';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { sendEarly } from './apollo/early';
import { App, preloadSignedIn } from './App';
import { getToken } from './auth/session';
import { ShellQuery } from './components/shellQuery';
import { previewShell } from './components/ShellPreview';
import { UnreadMessageCountDocument, UnreadNoticesDocument } from './gql/graphql';
import { languageReady } from './i18n';
import { registerServiceWorker } from './pwa/serviceWorker';
import { parseRoute } from './routing/route';
import { preloadScreen } from './routing/screens';
import { warmDateFormats } from './shared/warmDateFormats';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Signed in: the signed-in app's bundle (Apollo, the shell), the shell's queries (its own, the
// header's unread count, the nav's unread notices), the route's screen's bundle and the queries it starts from go out at once,
// side by side, instead of each waiting for the one before; Apollo takes the answers when its bundle
// has loaded (apollo/early.ts). The header is painted from the shell's answer meanwhile (ShellPreview).
const token = getToken();
if (token) {
  previewShell(token, sendEarly(ShellQuery, {}));
  void sendEarly(UnreadMessageCountDocument, {});
  void sendEarly(UnreadNoticesDocument, {});
  preloadScreen(parseRoute(window.location.hash));
  preloadSignedIn();
  // While the answers are on their way, the language's calendar data for the first screen's dates (in a worker).
  void languageReady.then(() => warmDateFormats(i18n.resolvedLanguage ?? 'ru'));
}

registerServiceWorker();

void languageReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
