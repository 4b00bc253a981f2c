// The built editor (dist/) loads in headless Chromium: it has a title, its
// wasm module is served and starts, it shows something, and it neither
// throws nor asks any host but its own server for anything.

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { useEditor } from '../support/browser.mjs';

const editor = useEditor();

it('loads from dist/ with a title and starts the wasm app', async () => {
  const { page, session } = editor;
  assert.notEqual((await page.title()).trim(), '', 'the page has an empty <title>');

  // The page's own requests: the service worker fetches the files again to keep them.
  const wasm = session.requests.filter((r) => !r.fromServiceWorker && new URL(r.url).pathname.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `expected one .wasm request, saw: ${session.requests.map((r) => r.url).join(', ')}`);

  const text = await page.evaluate(() => document.body.innerText.trim());
  assert.notEqual(text, '', 'the page shows no text after the app started');
});

it('makes no request outside its own origin and reports no error', async () => {
  // Let anything the app starts after loading (timers, lazy fetches) happen.
  await editor.page.waitForLoadState('networkidle');
  editor.session.assertNoOutsideRequests();
  editor.session.assertNoErrors();
  assert.ok(editor.session.requests.length > 0, 'no request was recorded at all');
});

it('notices a request to another origin and an uncaught error (the checks can fail)', async () => {
  const { page, session } = editor;

  // The page's Content-Security-Policy should stop it from even trying; either
  // way one of the checks must fail. (Another port on loopback is another
  // origin; the harness aborts such requests before they are sent.)
  await page.evaluate(() => fetch('http://127.0.0.1:9/outside').catch(() => {}));
  assert.throws(() => {
    session.assertNoOutsideRequests();
    session.assertNoErrors();
  });

  // A page without that policy, in the same context: the request is recorded.
  const other = await session.context.newPage();
  await other.evaluate(() => fetch('http://127.0.0.1:9/outside').catch(() => {}));
  await other.close();
  assert.throws(() => session.assertNoOutsideRequests(), /request\(s\) outside/);

  session.clearErrors();
  await page.evaluate(() => setTimeout(() => { throw new Error('deliberate'); }));
  await page.waitForTimeout(100); // let the timer run
  assert.throws(() => session.assertNoErrors(), /deliberate/);

  // Leave the session clean for the after-each checks.
  session.requests.length = 0;
  session.clearErrors();
});
