import { useSyncExternalStore } from 'react';
import { useToken } from './auth/session';
import { LoginPage } from './components/LoginPage';
import { ShellPreview } from './components/ShellPreview';

// The signed-in app (Apollo Client, the shell) is a bundle of its own: the login page, the first page
// of most visits, loads neither; it signs in with a plain request (apollo/early.ts).
const loadSignedIn = () => import('./components/SignedIn');

/** The signed-in app's bundle once it has loaded, or why it could not. */
let signedIn: { module: Awaited<ReturnType<typeof loadSignedIn>> } | { error: unknown } | null = null;
let loading = false;
const listeners = new Set<() => void>();

/** Starts fetching the signed-in app's bundle before React asks for it (main.tsx, with a stored session). */
export function preloadSignedIn(): void {
  if (loading) return;
  loading = true;
  void loadSignedIn()
    .then(
      (module) => (signedIn = { module }),
      (error: unknown) => (signedIn = { error }),
    )
    // Shown in a task of its own: the bundle's evaluation (Apollo Client made) and the shell's first render
    // are two shorter tasks rather than one long one.
    .finally(() =>
      setTimeout(() => {
        for (const listener of listeners) listener();
      }),
    );
}

function subscribeSignedIn(listener: () => void): () => void {
  listeners.add(listener);
  preloadSignedIn();
  return () => listeners.delete(listener);
}

/**
 * The shell's preview (components/ShellPreview.tsx) until the bundle is there, then the signed-in app,
 * shown by an ordinary update rather than as the content of a suspended `lazy` (React holds that back
 * for 300 ms after its fallback appeared, which would delay the shell on a fast connection).
 */
function SignedInApp() {
  const loaded = useSyncExternalStore(subscribeSignedIn, () => signedIn);
  if (!loaded) return <ShellPreview />;
  if ('error' in loaded) throw loaded.error;
  return <loaded.module.SignedIn />;
}

export function App() {
  return useToken() ? <SignedInApp /> : <LoginPage />;
}
