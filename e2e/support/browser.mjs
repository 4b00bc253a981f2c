// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core,
// with a record of everything the page did that a test may want to forbid:
// requests to any host but our own server, console errors, uncaught errors,
// and failed requests.
//
// Most tests need only `useEditor()`, which serves dist/, starts one browser
// per test file, and gives each test a fresh page (its own context, so no
// localStorage carries over) with the editor loaded:
//
//   import { it } from 'node:test';
//   import { useEditor } from '../support/browser.mjs';
//   const editor = useEditor();
//   it('shows the title', async () => {
//     assert.match(await editor.page.title(), /ProGet/);
//   });
//
// After each test, useEditor checks that the page made no outside request
// and had no console error, uncaught error or failed request.

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach } from 'node:test';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, serve } from './server.mjs';

/** Debian's Chromium; override with CHROMIUM=/path/to/chrome. */
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Where failing tests leave a screenshot (git-ignored). */
export const RESULTS_DIR = join(ROOT, 'e2e', 'test-results');

/**
 * Flags for a closed network and a root user: no sandbox (root), no GPU, and
 * none of Chromium's own background connections (which this machine refuses).
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]);

/** How long to wait for the wasm app to start (a cold release build is ~1 MB of wasm). */
export const START_TIMEOUT_MS = 30_000;

/** Starts headless Chromium. Close it with `await browser.close()`. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}

/** URLs that never leave the machine's page: inline data and object URLs. */
function isLocalScheme(url) {
  return /^(data|blob|about|javascript):/i.test(url);
}

/**
 * One page in its own browser context, with a record of what it did.
 * Create it with `openSession`.
 */
export class Session {
  constructor(context, page, origin) {
    /** The Playwright BrowserContext (downloads accepted, clipboard allowed). */
    this.context = context;
    /** The Playwright Page. */
    this.page = page;
    /** The served origin, e.g. "http://127.0.0.1:41234". */
    this.origin = origin;
    /**
     * Every request made in this context: { url, method, resourceType,
     * fromServiceWorker } (the last is true for the editor's service worker
     * fetching the app's files to keep them for offline use).
     */
    this.requests = [];
    /** Text of every console message of type "error". */
    this.consoleErrors = [];
    /** Every uncaught exception or unhandled rejection in the page (Error objects). */
    this.pageErrors = [];
    /** Same-origin requests that failed or answered 4xx/5xx: { url, problem }. */
    this.failedRequests = [];

    context.on('request', (req) => {
      this.requests.push({
        url: req.url(),
        method: req.method(),
        resourceType: req.resourceType(),
        fromServiceWorker: req.serviceWorker() !== null,
      });
    });
    context.on('requestfailed', (req) => {
      const problem = req.failure()?.errorText ?? 'failed';
      // The service worker asks the browser's HTTP cache for files the page
      // already loaded (`cache: 'only-if-cached'`); a miss is an answer, not a failure.
      if (req.serviceWorker() !== null && problem === 'net::ERR_CACHE_MISS') return;
      this.failedRequests.push({ url: req.url(), problem });
    });
    context.on('response', (res) => {
      if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) {
        this.failedRequests.push({ url: res.url(), problem: `HTTP ${res.status()}` });
      }
    });
    page.on('websocket', (ws) => {
      this.requests.push({ url: ws.url(), method: 'GET', resourceType: 'websocket' });
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => this.pageErrors.push(err));
  }

  /** Loads `path` (default "/") from the served origin and waits for the wasm app to start. */
  async goto(path = '/') {
    await this.page.goto(new URL(path, this.origin).href, { waitUntil: 'load' });
    await this.waitForApp();
  }

  /**
   * Waits until Trunk's loader says the wasm app started (its
   * "TrunkApplicationStarted" event, sent after `main` returned). Fails early,
   * with the errors, if the page throws first.
   */
  async waitForApp(timeout = START_TIMEOUT_MS) {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      if (this.pageErrors.length > 0) break;
      if (await this.page.evaluate(() => window.__e2eAppStarted === true)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`the editor did not start within ${timeout} ms.\n${this.describeErrors() || 'No errors were recorded.'}`);
  }

  /** Requests that went to any origin but the served one (data: and blob: are fine). */
  outsideRequests() {
    return this.requests.filter((r) => !isLocalScheme(r.url) && new URL(r.url).origin !== this.origin);
  }

  /** Fails when the page requested anything from another host. */
  assertNoOutsideRequests() {
    const outside = this.outsideRequests();
    assert.deepEqual(
      outside.map((r) => `${r.method} ${r.url} (${r.resourceType})`),
      [],
      `the page made ${outside.length} request(s) outside ${this.origin}`,
    );
  }

  /** All recorded errors as text, one a line ("" when none). */
  describeErrors() {
    return [
      ...this.pageErrors.map((e) => `page error: ${e.stack || e.message || e}`),
      ...this.consoleErrors.map((t) => `console error: ${t}`),
      ...this.failedRequests.map((f) => `failed request: ${f.url}: ${f.problem}`),
    ].join('\n');
  }

  /** Fails when the page had an uncaught error, a console error or a failed request. */
  assertNoErrors() {
    const text = this.describeErrors();
    assert.equal(text, '', `the page reported errors:\n${text}`);
  }

  /** Forgets the errors recorded so far (for a test that provokes one on purpose). */
  clearErrors() {
    this.consoleErrors.length = 0;
    this.pageErrors.length = 0;
    this.failedRequests.length = 0;
  }

  /**
   * Runs `action` (e.g. `() => page.getByRole('button', { name: 'Save' }).click()`)
   * and returns the file it made the page download:
   * `{ filename, bytes, text, json() }`.
   */
  async download(action, timeout = 15_000) {
    const [dl] = await Promise.all([this.page.waitForEvent('download', { timeout }), action()]);
    const failure = await dl.failure();
    assert.equal(failure, null, `download of ${dl.suggestedFilename()} failed: ${failure}`);
    const bytes = await readFile(await dl.path());
    const text = bytes.toString('utf8');
    return { filename: dl.suggestedFilename(), bytes, text, json: () => JSON.parse(text) };
  }

  /** Saves a full-page screenshot to e2e/test-results/NAME.png and returns its path. */
  async screenshot(name) {
    await mkdir(RESULTS_DIR, { recursive: true });
    const path = join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '_').slice(0, 120)}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  /** Closes the page and its context. */
  async close() {
    await this.context.close();
  }
}

/**
 * Opens a fresh context and page for `server` (from `serve()`): downloads
 * accepted, clipboard allowed, requests outside the origin aborted (and
 * recorded). Does not navigate: call `session.goto()`. `options` go to
 * `browser.newContext` over those defaults (e.g. `colorScheme: 'dark'`, a
 * `viewport`, or `bypassCSP: true` to inject a test library such as axe).
 * `abortOutside: false` leaves outside requests unrouted: Playwright's
 * routing turns the browser's HTTP cache off, which a test of caching needs
 * on (outside requests are still recorded, and still fail the checks).
 */
export async function openSession(browser, server, { abortOutside = true, ...options } = {}) {
  const origin = server.origin;
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  // Abort, rather than wait on, anything that would leave the machine; the
  // 'request' event has recorded it already, so the test still fails.
  if (abortOutside) {
    await context.route(
      (url) => !isLocalScheme(url.href) && url.origin !== origin,
      (route) => route.abort('blockedbyclient'),
    );
  }
  await context.addInitScript(() => {
    window.__e2eAppStarted = false;
    window.addEventListener('TrunkApplicationStarted', () => {
      window.__e2eAppStarted = true;
    });
  });
  const page = await context.newPage();
  return new Session(context, page, origin);
}

/**
 * Registers node:test hooks for the current file (or `describe` block):
 * one server for dist/ and one browser for all its tests, and for each test
 * a fresh Session with the editor loaded at `path`. After each test it
 * asserts no outside request and (unless `checkErrors: false`) no errors,
 * and leaves a screenshot in e2e/test-results/ when the test failed.
 *
 * Returns a handle whose `page`, `session`, `server` and `browser` are set
 * while a test runs.
 *
 * @param {{ path?: string, load?: boolean, checkErrors?: boolean, root?: string,
 *   context?: object, server?: object }} [options]
 *   `load: false` gives each test a blank page (call `editor.session.goto()` itself);
 *   `root` serves another folder instead of dist/; `context` are options for
 *   each test's browser context (see `openSession`), `server` for `serve()`.
 */
export function useEditor({ path = '/', load = true, checkErrors = true, root, context = {}, server = {} } = {}) {
  const handle = { server: null, browser: null, session: null, page: null };
  before(async () => {
    handle.server = await serve({ ...server, ...(root ? { root } : {}) });
    handle.browser = await launchBrowser();
  });
  after(async () => {
    await handle.browser?.close();
    await handle.server?.close();
  });
  beforeEach(async () => {
    handle.session = await openSession(handle.browser, handle.server, context);
    handle.page = handle.session.page;
    if (load) await handle.session.goto(path);
  });
  afterEach(async (t) => {
    const session = handle.session;
    handle.session = null;
    handle.page = null;
    if (!session) return;
    try {
      if (t?.passed === false) {
        const shot = await session.screenshot(t.name).catch(() => null);
        if (shot) t.diagnostic?.(`screenshot: ${shot}`);
      }
      session.assertNoOutsideRequests();
      if (checkErrors) session.assertNoErrors();
    } finally {
      await session.close();
    }
  });
  return handle;
}
