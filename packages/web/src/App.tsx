import { lazy, Suspense } from 'react';
import { useToken } from './auth/session';
import { LoadingPage } from './components/LoadingPage';
import { LoginPage } from './components/LoginPage';

const loadShell = () => import('./components/Shell');

/** Starts fetching the signed-in app's bundle before React asks for it (main.tsx, with a stored session). */
export function preloadShell(): void {
  void loadShell().catch(() => undefined);
}

// The signed-in app is a bundle of its own: the login page (the first page of most visits) loads without it.
const Shell = lazy(() => loadShell().then((m) => ({ default: m.Shell })));

export function App() {
  return useToken() ? (
    <Suspense fallback={<LoadingPage />}>
      <Shell />
    </Suspense>
  ) : (
    <LoginPage />
  );
}
