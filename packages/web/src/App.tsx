import { lazy, Suspense } from 'react';
import { useToken } from './auth/session';
import { LoginPage } from './components/LoginPage';

// The signed-in app is a bundle of its own: the login page (the first page of most visits) loads without it.
const Shell = lazy(() => import('./components/Shell').then((m) => ({ default: m.Shell })));

export function App() {
  return useToken() ? (
    <Suspense fallback={<div className="status-page" aria-busy="true" />}>
      <Shell />
    </Suspense>
  ) : (
    <LoginPage />
  );
}
