// Vigie's service worker: keeps the dashboard's files so a reload with the server down still
// opens the page (which then shows its last saved copy, marked as such). Live data never comes
// from here: Socket.IO, health probes and the API go straight to the network.
const CACHE = 'vigie-shell-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// The page loaded before this worker controlled it: it sends its own files to keep.
self.addEventListener('message', (event) => {
  const urls = event.data && event.data.keep;
  if (Array.isArray(urls)) event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(urls)));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/socket.io') || url.pathname.endsWith('z')) return; // live data, /healthz, /readyz
  // Sessions, accounts and pairing: never kept in a cache a signed-out browser would still hold.
  if (url.pathname.startsWith('/api/')) return;
  // Network first, so a new build is always taken when the server answers; the cache is the fallback.
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(event.request, copy));
        }
        return response;
      })
      .catch(async () => {
        const cache = await caches.open(CACHE);
        const hit = await cache.match(event.request, { ignoreSearch: true });
        if (hit) return hit;
        // Every route is the same page.
        if (event.request.mode === 'navigate') {
          const keys = await cache.keys();
          const page = keys.find((k) => new URL(k.url).pathname.split('/').length === 2);
          if (page) return (await cache.match(page)) ?? Response.error();
        }
        return Response.error();
      }),
  );
});
