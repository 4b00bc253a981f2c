// The editor's service worker: it keeps the app's own files (and nothing
// else) so the page opens with the network cut, after one visit.
//
// The list of files and a version are written into BUILD by
// scripts/sw-stamp.sh, a Trunk post-build hook: the version is a hash of
// the files' contents, so a new build changes this script, the browser
// installs it, and the old cache is dropped. Unstamped (BUILD null), the
// worker caches nothing.
//
// Requests are answered cache-first, only for same-origin GETs of those
// files (and navigations to the app's root, answered with index.html).
// Everything else goes to the network untouched and is never stored.

const BUILD = null;

const PREFIX = 'proget-users-';
const CACHE = BUILD ? `${PREFIX}${BUILD.version}` : null;
const SCOPE = new URL(self.registration.scope);

/** The URLs of the app's files, absolute. */
const FILES = new Set(BUILD ? BUILD.files.map((f) => new URL(f, SCOPE).href) : []);
const INDEX = new URL('index.html', SCOPE).href;

self.addEventListener('install', (event) => {
  if (!CACHE) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `cache: 'reload'` skips the HTTP cache, so the files match the list.
      await cache.addAll([...FILES].map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      // No clients.claim(): the page that registered the worker loaded
      // from the network and stays so; the next visit is served from here.
    })(),
  );
});

/** The cached file a request is for, or null when it is not one of ours. */
function ourFile(request) {
  if (!CACHE || request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return null;
  url.search = '';
  url.hash = '';
  if (request.mode === 'navigate' && url.href === SCOPE.href) return INDEX;
  return FILES.has(url.href) ? url.href : null;
}

self.addEventListener('fetch', (event) => {
  const file = ourFile(event.request);
  if (!file) return; // not ours: the network answers, nothing is stored
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(file);
      return hit ?? fetch(event.request);
    })(),
  );
});
