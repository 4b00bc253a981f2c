// The service worker (static/sw.js, stamped by scripts/sw-stamp.sh, started
// by style/loader.js): a first visit downloads each file once; the worker
// never keeps a redirected or failed response; it deletes only its own old
// caches, never another app's or another deployment's on the same origin.
// (offline.test.mjs checks the page then opens with the network cut.)

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openSession } from '../support/browser.mjs';
import { appFiles, serve } from '../support/server.mjs';
import { EditorPage } from '../pages/editor-page.mjs';

/** The app's files, as paths, that the worker keeps: every file of the build but sw.js. */
const APP_FILES = appFiles();

/** The paths of every entry of the caches of the editor deployed at the origin's root. */
function cachedPaths(page) {
  return page.evaluate(async () => {
    const ours = `proget-users-editor ${location.origin}/ `;
    const paths = [];
    for (const name of await caches.keys()) {
      if (!name.startsWith(ours)) continue;
      for (const req of await (await caches.open(name)).keys()) paths.push(new URL(req.url).pathname);
    }
    return paths.sort();
  });
}

/**
 * Waits until the worker is active and has kept `expected` (paths), or 10 s
 * went by; returns what it kept.
 */
async function waitForCache(page, expected) {
  // (Bounded: a worker that never activates fails the check below, not the run.)
  await page.evaluate(() => Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 10_000))]));
  const deadline = Date.now() + 10_000;
  let now = [];
  while (Date.now() < deadline) {
    now = await cachedPaths(page);
    if (JSON.stringify(now) === JSON.stringify(expected)) break;
    await page.waitForTimeout(100);
  }
  return now;
}

/** How many times each path was asked of the server, as "path ×n". */
function counts(requests) {
  const n = new Map();
  for (const r of requests) n.set(r.path, (n.get(r.path) ?? 0) + 1);
  return Object.fromEntries([...n].sort());
}

/**
 * Records, as Playwright sees them, the requests of the page and of its
 * service worker that got an answer: `{ path, worker, fromWorker }`
 * (`worker`: the worker made it; `fromWorker`: the worker answered the
 * page). Playwright cannot tell a worker's copy taken from the HTTP cache
 * from a download; the server's own log can (see `serve().requests`).
 *
 * Taken from the `response` event, which hands over the answer itself:
 * `request.response()` never settles for some requests (the browser's own
 * request for sw.js, attributed to the worker, about one visit in five
 * here), and awaiting it hung the whole file.
 */
function recordAnswers(context) {
  const seen = [];
  context.on('response', (res) => {
    seen.push({
      path: new URL(res.url()).pathname,
      worker: res.request().serviceWorker() !== null,
      fromWorker: res.fromServiceWorker(),
    });
  });
  return seen;
}

describe('service worker', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('a first visit downloads each file once, and the worker keeps them all', async () => {
    // A static host that lets the browser keep a copy (revalidated before
    // reuse), and no Playwright routing, which would turn the HTTP cache off.
    const server = await serve({ cacheControl: 'no-cache' });
    const session = await openSession(browser, server, { abortOutside: false });
    try {
      const seen = recordAnswers(session.context);
      await session.goto('/');
      const kept = await waitForCache(session.page, APP_FILES);
      const once = Object.fromEntries(['/', ...APP_FILES.filter((p) => p !== '/index.html'), '/sw.js'].map((p) => [p, 1]));
      // The start page was loaded as "/": its copy is kept as index.html.
      assert.deepEqual(counts(server.requests), once, 'requests the server answered, by path');
      // Playwright sees the worker's own requests: it got each file at most
      // once (from the network or the HTTP cache), and it answered the page's
      // requests for editor.js and the wasm (the copy it keeps is that one).
      assert.deepEqual(
        Object.values(counts(seen.filter((a) => a.worker))).filter((n) => n > 1),
        [],
        `the worker got a file twice: ${JSON.stringify(counts(seen.filter((a) => a.worker)))}`,
      );
      for (const path of ['/editor.js', '/editor_bg.wasm']) {
        const who = seen
          .filter((a) => a.path === path)
          .map((a) => (a.worker ? 'worker' : a.fromWorker ? 'page, from the worker' : 'page, from the network'))
          .sort();
        assert.deepEqual(who, ['page, from the worker', 'worker'], path);
      }
      assert.deepEqual(kept, APP_FILES, 'what the worker kept');
      // A second visit comes from the worker: only sw.js is asked for (an update check).
      server.requests.length = 0;
      await session.goto('/');
      await new EditorPage(session).loadExample();
      assert.deepEqual(Object.keys(counts(server.requests)).filter((p) => p !== '/sw.js'), []);
      session.assertNoErrors();
      session.assertNoOutsideRequests();
    } finally {
      await session.close();
      await server.close();
    }
  });

  it('with a host that forbids copies (no-store), editor.js and the wasm are still downloaded once', async () => {
    const server = await serve();
    const session = await openSession(browser, server);
    try {
      await session.goto('/');
      const kept = await waitForCache(session.page, APP_FILES);
      const asked = counts(server.requests);
      assert.equal(asked['/editor.js'], 1);
      assert.equal(asked['/editor_bg.wasm'], 1);
      // The small files loaded before the worker existed, at most twice.
      for (const [path, n] of Object.entries(asked)) assert.ok(n <= 2, `${path} asked ${n} times`);
      assert.deepEqual(kept, APP_FILES, 'what the worker kept');
      session.assertNoErrors();
    } finally {
      await session.close();
      await server.close();
    }
  });

  it('never keeps a redirected or failed response', async () => {
    const server = await serve({
      cacheControl: 'no-cache',
      routes: {
        // The right bytes, but through a redirect.
        '/icon.svg': { status: 302, location: '/icon.svg?moved' },
        '/manifest.webmanifest': { status: 404 },
        '/tools.css': { status: 500 },
      },
    });
    const session = await openSession(browser, server);
    try {
      await session.goto('/');
      const kept = APP_FILES.filter((p) => !['/icon.svg', '/manifest.webmanifest', '/tools.css'].includes(p));
      assert.deepEqual(await waitForCache(session.page, kept), kept);
      // Visits through the worker ask again, and still keep none of them.
      await session.goto('/');
      await session.page.evaluate(() => fetch('manifest.webmanifest').then((r) => r.status));
      await session.page.waitForTimeout(500);
      assert.deepEqual(await cachedPaths(session.page), kept);
      assert.ok(server.requests.filter((r) => r.path === '/icon.svg').length >= 2, 'the icon was asked for again');
    } finally {
      await session.close();
      await server.close();
    }
  });

  it('deletes its own old caches only, never those of another app or deployment on the origin', async () => {
    const server = await serve({ cacheControl: 'no-cache' });
    const session = await openSession(browser, server);
    const origin = server.origin;
    const names = {
      otherApp: 'another-app-v1',
      otherDeployment: `proget-users-editor ${origin}/staging/ 0123456789abcdef`,
      otherScope: `proget-users-editor ${origin}/ab/ 0123456789abcdef`,
      ourOldVersion: `proget-users-editor ${origin}/ 0000000000000000`,
    };
    try {
      // Before the editor's first visit, other caches on the origin.
      await session.page.goto(`${origin}/icon.svg`);
      await session.page.evaluate(async (names) => {
        for (const name of Object.values(names)) {
          await (await caches.open(name)).put(`/kept-by-${encodeURIComponent(name)}`, new Response('x'));
        }
      }, names);
      await session.goto('/');
      // Our old version's entry is gone once the new version has the app's files.
      assert.deepEqual(await waitForCache(session.page, APP_FILES), APP_FILES);
      const left = await session.page.evaluate(() => caches.keys());
      assert.ok(left.includes(names.otherApp), 'another app keeps its cache');
      assert.ok(left.includes(names.otherDeployment), 'the editor deployed under /staging/ keeps its cache');
      assert.ok(left.includes(names.otherScope), 'a scope that merely starts like ours keeps its cache');
      assert.ok(!left.includes(names.ourOldVersion), 'our own old version is deleted');
      assert.equal(left.filter((n) => n.startsWith(`proget-users-editor ${origin}/ `)).length, 1, 'one cache of ours');
    } finally {
      await session.close();
      await server.close();
    }
  });
});
