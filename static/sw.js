// The editor's service worker: it keeps the app's own files (and nothing
// else) so the page opens with the network cut, after one visit.
//
// scripts/sw-stamp.sh, a Trunk post-build hook, writes into BUILD the
// build's version and each file with a digest of its contents (the first
// 128 bits of its SHA-256, which tell builds apart as well and keep this
// script, part of the first load, 1.6 KB smaller gzipped); a new
// build changes this script, so the browser installs the new worker, which
// drops the old cache. Unstamped (BUILD null), the worker caches nothing.
//
// A first visit downloads each file once:
// - Installing fetches nothing.
// - Once active, the worker takes control of the page at once
//   (clients.claim()), and style/loader.js waits for that before it loads
//   editor.js and the wasm, so those (nearly all the bytes) pass through the
//   worker, which keeps a copy as they pass.
// - The few files the page loaded before the worker existed (index.html,
//   loader.js, the CSS, the icon, the manifest) are taken from the
//   browser's HTTP cache (`cache: 'only-if-cached'`: never the network).
// - The rest (the chunks of the editor's code fetched when first needed,
//   the Web Workers, and the small files above when the server forbade
//   keeping them, `Cache-Control: no-store`) is downloaded in the
//   background once the editor has started and says so ('keep-the-rest'),
//   not while the worker activates: the browser holds the page's requests
//   until activation ends, and the editor would wait for all of it.
//
// Only a same-origin, non-redirected 200 response whose digest is the one
// stamped for that file is stored: never a redirect, an error page, or a
// stale copy of another build. Requests are answered cache-first, only for
// GETs of the app's files (and navigations to the app's root, answered with
// index.html); everything else goes to the network untouched.
//
// Caches are named "proget-users-editor <scope> <version>": the worker
// deletes only the other versions for its own scope, never the caches of
// another app, or of this app deployed under another path, on the origin.

const BUILD = null;

const SCOPE = new URL(self.registration.scope);
/** The start of the names of this deployment's caches (a URL never holds a space). */
const OURS = `proget-users-editor ${SCOPE.href} `;
const CACHE = BUILD ? `${OURS}${BUILD.version}` : null;

/** Each file's absolute URL and the digest (hex) of its contents. */
const FILES = new Map(BUILD ? Object.entries(BUILD.files).map(([f, sha]) => [new URL(f, SCOPE).href, sha]) : []);
const INDEX = new URL('index.html', SCOPE).href;

self.addEventListener('install', () => {
  // Nothing to download: the files are kept as the page loads them.
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(OURS) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
      if (CACHE) await adoptLoaded();
    })(),
  );
});

// The editor has started (style/loader.js): the rest can come now.
self.addEventListener('message', (event) => {
  if (event.data === 'keep-the-rest' && CACHE) event.waitUntil(keepTheRest());
});

/** A response body's digest: the first 128 bits of its SHA-256, in hex. */
async function digest(response) {
  const sha256 = await crypto.subtle.digest('SHA-256', await response.arrayBuffer());
  return [...new Uint8Array(sha256, 0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Stores `response` as `file` when it is the file of this build: a
 * same-origin, non-redirected 200 whose contents have the stamped hash.
 * Returns whether it did.
 */
async function keep(file, response) {
  if (!response || response.status !== 200 || response.redirected || response.type !== 'basic') return false;
  if ((await digest(response.clone())) !== FILES.get(file)) return false;
  await (await caches.open(CACHE)).put(file, response);
  return true;
}

/**
 * The files the page requests through this worker right after it takes
 * control, which it keeps as they pass: editor.js, the wasm and the
 * chunks' loader (which editor.js imports). They are neither taken from
 * the HTTP cache (while the page's request is under way) nor downloaded.
 */
const LATER = new Set(['editor.js', 'editor_bg.wasm', '__wasm_split.js'].map((f) => new URL(f, SCOPE).href));

/**
 * Keeps the files the page loaded before this worker controlled it, from
 * the browser's HTTP cache (never the network: the worker is activating).
 */
async function adoptLoaded() {
  const cache = await caches.open(CACHE);
  for (const file of FILES.keys()) {
    if (LATER.has(file) || (await cache.match(file))) continue;
    // The start page was loaded as the scope's root, most likely.
    const urls = file === INDEX ? [SCOPE.href, INDEX] : [file];
    for (const url of urls) {
      const copy = await fetch(url, { cache: 'only-if-cached', mode: 'same-origin' }).catch(() => null);
      if (await keep(file, copy)) break;
    }
  }
}

/** Downloads, one at a time, every file of the app not kept yet, for offline use. */
async function keepTheRest() {
  const cache = await caches.open(CACHE);
  for (const file of FILES.keys()) {
    if (LATER.has(file) || (await cache.match(file))) continue;
    await keep(file, await fetch(file, { cache: 'no-store' }).catch(() => null));
  }
}

/** The app's file a request is for, or null when it is not one of ours. */
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
      const hit = await (await caches.open(CACHE)).match(file);
      if (hit) return hit;
      const response = await fetch(event.request);
      // Kept as it passes (checked first); the page gets it at once.
      event.waitUntil(keep(file, response.clone()).catch(() => false));
      return response;
    })(),
  );
});
