import { startTransition, useEffect, useState } from 'react';
import { useToken } from './auth/session';
import { LoginPage } from './components/LoginPage';
import { ShellPreview } from './components/ShellPreview';
import { createStore } from './shared/store';

// The signed-in app (Apollo Client, the shell) is a bundle of its own: the login page, the first page
// of most visits, loads neither; it signs in with a plain request (apollo/early.ts).
const loadSignedIn = () => import('./components/SignedIn');

/** The signed-in app's bundle once it has loaded, or why it could not. */
const signedIn = createStore<{ module: Awaited<ReturnType<typeof loadSignedIn>> } | { error: unknown } | null>(null);
let loading = false;

/** Starts fetching the signed-in app's bundle before React asks for it (main.tsx, with a stored session). */
export function preloadSignedIn(): void {
  if (loading) return;
  loading = true;
  // Shown in a task of its own, once the early answers are in the cache (SignedIn.ready): the bundle's
  // evaluation (Apollo Client made), each answer's write and the shell's first render are shorter tasks
  // rather than one long one.
  void loadSignedIn().then(
    (module) => module.ready.then(() => setTimeout(() => signedIn.set({ module }))),
    (error: unknown) => setTimeout(() => signedIn.set({ error })),
  );
}

/**
 * The shell's preview (components/ShellPreview.tsx) until the bundle is there, then the signed-in app,
 * shown by an ordinary update rather than as the content of a suspended `lazy` (React holds that back
 * for 300 ms after its fallback appeared, which would delay the shell on a fast connection).
 */
function SignedInApp() {
  // A transition: the shell's first render (its header, nav and the screen's start, with the data the
  // cache was given) yields to the browser between components instead of running as one long task.
  const [loaded, setLoaded] = useState(signedIn.get);
  useEffect(() => {
    preloadSignedIn();
    const show = () => startTransition(() => setLoaded(signedIn.get()));
    show();
    return signedIn.subscribe(show);
  }, []);
  if (!loaded) return <ShellPreview />;
  if ('error' in loaded) throw loaded.error;
  return <loaded.module.SignedIn />;
}

export function App() {
  return useToken() ? <SignedInApp /> : <LoginPage />;
}
