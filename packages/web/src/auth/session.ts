import { createStore } from '../shared/store';
import { forgetSchoolTimeZone } from '../shared/dates';

const TOKEN_KEY = 'dnevnik.token';

function readStoredToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    // Storage can be unavailable (privacy modes); the session then lives in memory only.
    return null;
  }
}

function writeStoredToken(next: string | null): void {
  try {
    if (next === null) localStorage.removeItem(TOKEN_KEY);
    else localStorage.setItem(TOKEN_KEY, next);
  } catch {
    // See readStoredToken: an in-memory session still works for this tab.
  }
}

const token = createStore<string | null>(readStoredToken());

export const getToken = token.get;
export const subscribeToken = token.subscribe;
export const useToken = token.use;

export function setToken(next: string): void {
  if (next === token.get()) return;
  writeStoredToken(next);
  token.set(next);
}

export function clearToken(): void {
  if (token.get() === null) return;
  forgetSchoolTimeZone();
  writeStoredToken(null);
  token.set(null);
}

// Signing in or out in another tab changes the shared storage; follow it so a
// tab never keeps showing a session that no longer exists.
window.addEventListener('storage', (event) => {
  if (event.key !== TOKEN_KEY && event.key !== null) return;
  token.set(readStoredToken());
});
