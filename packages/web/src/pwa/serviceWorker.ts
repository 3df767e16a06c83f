import { getToken, subscribeToken } from '../auth/session';
import { createStore } from '../shared/store';

/** What the service worker last said about the data on screen: null while it comes from the network. */
const offlineSince = createStore<string | null>(null);

/**
 * Registers public/sw.js (production builds only: Vite's dev server has no stable asset names to
 * cache) and follows its messages. Checks for a new version hourly: a long-open tab updates too.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string; savedAt?: string }>) => {
    if (event.data?.type === 'offline-data') offlineSince.set(event.data.savedAt ?? new Date().toISOString());
    if (event.data?.type === 'online-data') offlineSince.set(null);
  });
  // After the page has loaded: installing fetches every bundle again (precache), which would compete
  // with the first page's own requests.
  const register = () =>
    void navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { updateViaCache: 'none' }).then((registration) => {
      setInterval(() => void registration.update().catch(() => undefined), 60 * 60 * 1000);
    });
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
  // Signing out forgets the kept diary answers: the next person on this device must not read them.
  subscribeToken(() => {
    if (getToken() === null) navigator.serviceWorker.controller?.postMessage({ type: 'clear-data' });
  });
}

/** When the data shown was saved, while the service worker serves kept answers for lack of a network. */
export const useOfflineSince = offlineSince.use;
