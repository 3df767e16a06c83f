import { lazy, Suspense } from 'react';
import { useToken } from './auth/session';
import { LoadingPage } from './components/LoadingPage';
import { LoginPage } from './components/LoginPage';

const loadSignedIn = () => import('./components/SignedIn');

/** Starts fetching the signed-in app's bundle before React asks for it (main.tsx, with a stored session). */
export function preloadSignedIn(): void {
  void loadSignedIn().catch(() => undefined);
}

// The signed-in app (Apollo Client, the shell) is a bundle of its own: the login page, the first page
// of most visits, loads neither; it signs in with a plain request (apollo/early.ts).
const SignedIn = lazy(() => loadSignedIn().then((m) => ({ default: m.SignedIn })));

export function App() {
  return useToken() ? (
    <Suspense fallback={<LoadingPage />}>
      <SignedIn />
    </Suspense>
  ) : (
    <LoginPage />
  );
}
