// Varde patient app service worker: pages of the signed-in app and the app's own script and style are fetched from
// the network first and kept, so the patient can open Today and the entry screens without coverage and enter a
// reading (the page script's outbox keeps it until it is sent). Sign-in pages and the API are never cached.
// Logging out empties the cache. A push from Varde (reminders, a new message: never health data) is shown as a
// notification; tapping it opens the place in the app it names.
const CACHE = 'varde-pasient-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', event => event.waitUntil(
  caches.keys().then(keys => Promise.all(keys.filter(k => k !== CACHE).map(k => caches.delete(k)))).then(() => self.clients.claim())));

self.addEventListener('message', event => {
  if (event.data === 'forget') event.waitUntil(caches.delete(CACHE));
});

self.addEventListener('fetch', event => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const page = request.mode === 'navigate' && url.pathname.startsWith('/pasient')
    && !/^\/pasient\/(api|logg-inn|logg-ut|registrer)/.test(url.pathname);
  const asset = /^\/(pasient\.[\w.-]*(css|js))$/.test(url.pathname);
  if (!page && !asset) return;
  event.respondWith(
    fetch(request).then(response => {
      if (response.ok && response.type === 'basic' && !response.redirected) {
        const copy = response.clone();
        caches.open(CACHE).then(cache => cache.put(request, copy));
      }
      return response;
    }).catch(() => caches.match(request).then(hit => hit || (page ? caches.match('/pasient') : undefined)).then(hit => hit || Response.error())));
});

self.addEventListener('push', event => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch { data = {}; }
  const url = typeof data.url === 'string' && data.url.startsWith('/pasient') ? data.url : '/pasient';
  event.waitUntil(self.registration.showNotification(data.title || 'Varde', {
    body: data.body || '', icon: '/favicon.svg', tag: 'varde-' + url, data: { url },
  }));
});

self.addEventListener('notificationclick', event => {
  event.notification.close();
  const url = event.notification.data?.url || '/pasient';
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(windows => {
    const open = windows.find(w => new URL(w.url).pathname.startsWith('/pasient'));
    const fresh = () => self.clients.openWindow(url);
    return open ? open.navigate(url).then(w => (w || open).focus()).catch(fresh) : fresh();
  }));
});
