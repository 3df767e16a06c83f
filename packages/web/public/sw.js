/*
 * Дневник's service worker: the app shell offline, the last diary weeks readable offline, Web Push.
 *
 * - Shell (index.html, hashed /assets/*, icons): the page is network-first so a new deploy is
 *   picked up at once; hashed assets never change, so they are served from the cache.
 * - Data: the answers to the few read-only queries a diary page needs (OFFLINE_QUERIES) are kept,
 *   keyed by the session token's hash, the operation and its variables. Without a network the kept
 *   answer is served and the page is told when it was saved, so it can say so. A different session
 *   (another person on the same device) never matches another's key; signing out clears them all.
 * - Updates itself: a new deploy is a new index.html (network-first) naming new bundles; a new
 *   worker takes over at once (skipWaiting + clients.claim).
 */
const SHELL_CACHE = 'dnevnik-shell-v1';
const DATA_CACHE = 'dnevnik-data-v1';
const SHELL = ['./', 'manifest.webmanifest', 'icon.svg', 'icon-192.png'];
const OFFLINE_QUERIES = new Set(['Shell', 'DiaryScreen', 'DiaryWeek']);
/** Kept answers beyond this many (oldest first) are dropped: "the last viewed weeks", not an archive. */
const DATA_LIMIT = 30;

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

/** The shell and the hashed bundles index.html names, so even the first visit works offline next time. */
async function precache() {
  const cache = await caches.open(SHELL_CACHE);
  await cache.addAll(SHELL);
  await cache.addAll(assetsOf(await (await cache.match('./')).text()));
}

function assetsOf(html) {
  return [...html.matchAll(/(?:src|href)="([^"]*\/assets\/[^"]+)"/g)].map((m) => new URL(m[1], self.registration.scope).href);
}

/**
 * sw.js itself rarely changes, so a deploy shows up as a new index.html naming new bundles: they
 * are fetched as the page asks for them, and the bundles no longer named are dropped here.
 */
async function dropStaleAssets(cache, html) {
  const current = new Set(assetsOf(html));
  const keys = await cache.keys();
  await Promise.all(keys.filter((r) => r.url.includes('/assets/') && !current.has(r.url)).map((r) => cache.delete(r)));
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL_CACHE && k !== DATA_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'clear-data') event.waitUntil(caches.delete(DATA_CACHE));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.endsWith('/graphql')) {
    if (request.method === 'POST') event.respondWith(graphql(event));
    return;
  }
  if (request.method !== 'GET' || url.pathname.startsWith('/exports')) return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (url.pathname.includes('/assets/')) event.respondWith(asset(request));
  else event.respondWith(networkFirst(request));
});

async function page(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(SHELL_CACHE);
      await cache.put('./', response.clone());
      await dropStaleAssets(cache, await response.clone().text());
    }
    return response;
  } catch (error) {
    const cached = await caches.match('./');
    if (cached) return cached;
    throw error;
  }
}

async function asset(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(SHELL_CACHE)).put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(SHELL_CACHE)).put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(request);
    if (cached) return cached;
    throw error;
  }
}

async function sha256(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The cache key of a kept query answer, or null for what is not kept (mutations, other queries, no session). */
async function dataKey(request) {
  const token = request.headers.get('authorization');
  if (!token) return null;
  let body;
  try {
    body = await request.clone().json();
  } catch {
    return null;
  }
  // By name only: the client may send a persisted-query hash instead of the text. The names are
  // the app's own read-only queries.
  if (!body || !OFFLINE_QUERIES.has(body.operationName)) return null;
  const variables = new URLSearchParams(
    Object.entries(body.variables ?? {})
      .sort()
      .map(([k, v]) => [k, String(v)]),
  );
  return new URL(`__offline__/${await sha256(token)}/${body.operationName}?${variables}`, self.registration.scope).href;
}

async function tell(clientId, message) {
  const client = clientId ? await self.clients.get(clientId) : null;
  client?.postMessage(message);
}

async function graphql(event) {
  const key = await dataKey(event.request);
  if (!key) {
    const response = await fetch(event.request);
    // Any answer from the server means the screen is live again.
    await tell(event.clientId, { type: 'online-data' });
    return response;
  }
  try {
    const response = await fetch(event.request);
    if (response.ok) {
      const body = await response.clone().text();
      // Only whole answers are kept: an error (an expired session, say) must not replace good data.
      if (!JSON.parse(body).errors) {
        const cache = await caches.open(DATA_CACHE);
        await cache.delete(key);
        await cache.put(key, new Response(body, { headers: { 'content-type': 'application/json', 'x-saved-at': new Date().toISOString() } }));
        await trim(cache);
      }
      await tell(event.clientId, { type: 'online-data' });
    }
    return response;
  } catch (error) {
    const cached = await caches.match(key, { cacheName: DATA_CACHE });
    if (!cached) throw error;
    await tell(event.clientId, { type: 'offline-data', savedAt: cached.headers.get('x-saved-at') });
    return cached;
  }
}

async function trim(cache) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - DATA_LIMIT)).map((k) => cache.delete(k)));
}

// Web Push: the server sends {title, body, url, eventId}; tapping the notice opens the url in the app.
// A push service delivers at least once: the same event again replaces its notice (tag), not a second one.
self.addEventListener('push', (event) => {
  let payload = {};
  try {
    payload = event.data ? event.data.json() : {};
  } catch {
    payload = { body: event.data?.text() };
  }
  event.waitUntil(
    self.registration.showNotification(payload.title || 'Дневник', {
      body: payload.body || '',
      icon: 'icon-192.png',
      badge: 'icon-192.png',
      data: { url: payload.url || './' },
      ...(payload.eventId ? { tag: `event-${payload.eventId}` } : {}),
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || './', self.registration.scope).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) return open.navigate(target).then((w) => (w ?? open).focus());
      return self.clients.openWindow(target);
    }),
  );
});
