import { useSyncExternalStore } from 'react';

const TOKEN_KEY = 'dnevnik.token';

type Listener = () => void;

const listeners = new Set<Listener>();
let token: string | null = readStoredToken();

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

function notify(next: string | null): void {
  token = next;
  for (const listener of listeners) listener();
}

export function getToken(): string | null {
  return token;
}

export function setToken(next: string): void {
  if (next === token) return;
  writeStoredToken(next);
  notify(next);
}

export function clearToken(): void {
  if (token === null) return;
  writeStoredToken(null);
  notify(null);
}

export function subscribeToken(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToken(): string | null {
  return useSyncExternalStore(subscribeToken, getToken);
}

// Signing in or out in another tab changes the shared storage; follow it so a
// tab never keeps showing a session that no longer exists.
window.addEventListener('storage', (event) => {
  if (event.key !== TOKEN_KEY && event.key !== null) return;
  const stored = readStoredToken();
  if (stored !== token) notify(stored);
});
