// End-to-end tests of the code fetched when first needed (src/deferred.rs,
// scripts/build-page): a dialog, a tab and a hashing run fetch their chunk
// the first time; a chunk that cannot be fetched (offline before the
// service worker holds it, or the editor updated since the page opened)
// gives a message in place, and the open file stays open and savable.
// The service worker is blocked here, so every chunk comes from the server.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { fixtures } from '../support/fixtures.mjs';
import { EditorPage } from '../pages/editor-page.mjs';

const editor = useEditor({ context: { serviceWorkers: 'block' } });
const app = () => new EditorPage(editor.session);

/** The chunk files the page fetched, as their names without the build's hash. */
function chunksFetched() {
  return editor.session.requests
    .map((r) => new URL(r.url).pathname.slice(1))
    .filter((p) => /^(split|chunk)_.*\.wasm$/.test(p))
    .map((p) => p.replace(/-[0-9a-f]{12}\.wasm$/, '.wasm'));
}

/** Makes the server's answer for the split point `name`'s chunk a 404, as after an update. */
async function gone(name) {
  await editor.session.context.route(new RegExp(`/split_${name}-[0-9a-f]{12}\\.wasm$`), (route) =>
    route.fulfill({ status: 404, body: 'not found' }),
  );
}

describe('code fetched when first needed', () => {
  it('fetches nothing beyond the first load until a part is shown, then only that part', async () => {
    const page = app();
    await page.loadExample();
    assert.deepEqual(chunksFetched(), [], 'the start page and the users table fetched a chunk');
    assert.match(await page.verify('Admin', 'not the password'), /No match/);
    await editor.page.keyboard.press('Escape');
    const afterVerify = chunksFetched();
    assert.ok(afterVerify.includes('split_verify_dialog.wasm'), `fetched: ${afterVerify}`);
    assert.ok(!afterVerify.includes('split_groups_tab.wasm'), `fetched: ${afterVerify}`);
    await page.tab('Groups');
    assert.ok(chunksFetched().includes('split_groups_tab.wasm'));
    // Each chunk once, however often its part is shown again.
    await page.tab('Users');
    await page.tab('Groups');
    const names = chunksFetched();
    assert.deepEqual(names, [...new Set(names)], 'a chunk was fetched twice');
  });

  it('says so in place when a part cannot be fetched, and the file stays open and savable', async () => {
    const page = app();
    await page.loadExample();
    await gone('verify_dialog');
    await page.button(/Verify a password/).click();
    const alert = editor.page.getByRole('alert').filter({ hasText: /could not be fetched/ });
    await alert.waitFor();
    assert.match(await alert.textContent(), /Download your work, then reload the page/);
    // Everything else still works: another part, and saving.
    await page.tab('Groups');
    assert.deepEqual((await page.groups()).map((g) => g.name), ['Administrators', 'Developers']);
    const saved = await page.download();
    assert.deepEqual(saved.json().users.map((u) => u.userName), ['Admin', 'jDoe']);
    editor.session.clearErrors(); // the 404 and its console message were provoked
  });

  it('says so in the status line when the hashing code cannot be fetched, and keeps the plaintexts', async () => {
    const page = app();
    // Gone before the file opens: the banner fetches the code as soon as it shows.
    await gone('hashing');
    await page.openFile(fixtures.plaintext);
    await page.button(/^Hash \d+ plaintext passwords?$/).click();
    await page.waitForStatus(/could not be fetched/);
    assert.equal(await page.passwordState('mRoe'), 'plaintext');
    editor.session.clearErrors();
  });
});
