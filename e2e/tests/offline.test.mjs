// End-to-end test of the page opening with the network cut, after one
// visit (its service worker keeps the app's own files).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { appFiles } from '../support/server.mjs';
import { EditorPage } from '../pages/editor-page.mjs';

const editor = useEditor();
const app = () => new EditorPage(editor.session);

describe('offline', () => {
  it('opens and works with the network cut, after one visit', async () => {
    const page = app();
    const { context } = editor.session;
    // The first visit installs the worker, which keeps the app's files
    // (editor.js and the wasm as they pass, the others once it is active).
    await editor.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const kept = () =>
      editor.page.evaluate(async () => {
        const urls = [];
        for (const name of await caches.keys()) {
          for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
        }
        return urls.sort();
      });
    // Every file of the build but sw.js (the Web Workers' too, kept for
    // offline use although the page fetches them only when first needed).
    const expected = appFiles();
    let cached = await kept();
    for (let i = 0; i < 200 && cached.length < expected.length; i++) {
      await editor.page.waitForTimeout(100);
      cached = await kept();
    }
    assert.deepEqual(cached, expected);

    await context.setOffline(true);
    try {
      await editor.page.reload({ waitUntil: 'load' });
      await editor.session.waitForApp();
      assert.ok(await editor.page.evaluate(() => navigator.serviceWorker.controller !== null), 'served by the worker');
      await page.loadExample();
      assert.deepEqual(await page.userNames(), ['Admin', 'jDoe']);
      await page.renameGroup('Developers', 'Devs');
      assert.equal(await page.undoName(), 'Undo: renamed group Developers to Devs (1 member)');
    } finally {
      await context.setOffline(false);
    }
    // Nothing but the app's files was asked for, all from our origin.
    const paths = new Set(editor.session.requests.map((r) => new URL(r.url).pathname));
    for (const p of paths) assert.ok(cached.includes(p) || p === '/' || p === '/sw.js' || p === '/favicon.ico', `requested ${p}`);
  });
});
