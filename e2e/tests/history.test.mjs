// End-to-end tests of undo and redo, done as a user would: the buttons that
// name the step, the keys, and a whole hashing run as one step; downloaded
// hashes are checked with Node's own PBKDF2.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { fixtures, knownPasswords } from '../support/fixtures.mjs';
import { passwordMatches } from '../support/pbkdf2.mjs';
import { EditorPage } from '../pages/editor-page.mjs';

const editor = useEditor();
const app = () => new EditorPage(editor.session);

describe('undo and redo', () => {
  it('undoes and redoes edits with buttons that name the step, and with the keys', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    assert.equal(await page.undoName(), 'Undo');
    assert.equal(await page.undoButton.isDisabled(), true);

    await page.renameGroup('Developers', 'Devs');
    assert.equal(await page.undoName(), 'Undo: renamed group Developers to Devs (1 member)');
    await page.undo();
    assert.deepEqual((await page.groups()).map((g) => g.name), ['Administrators', 'Developers']);
    assert.equal(await page.redoName(), 'Redo: renamed group Developers to Devs (1 member)');
    await page.redo();
    assert.deepEqual((await page.groups()).map((g) => g.name), ['Administrators', 'Devs']);

    // Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y on the page.
    await page.pressOnPage('Control+z');
    assert.deepEqual((await page.groups()).map((g) => g.name), ['Administrators', 'Developers']);
    await page.pressOnPage('Control+Shift+z');
    assert.deepEqual((await page.groups()).map((g) => g.name), ['Administrators', 'Devs']);
    await page.pressOnPage('Control+z');
    await page.pressOnPage('Control+y');
    assert.deepEqual((await page.groups()).map((g) => g.name), ['Administrators', 'Devs']);

    // In a text field, Ctrl+Z is the field's own undo, not the file's.
    await page.tab('Users');
    const filter = editor.page.getByRole('searchbox', { name: 'Filter users' });
    await filter.fill('');
    await filter.pressSequentially('jD');
    await filter.press('Control+z');
    await page.tab('Groups');
    assert.deepEqual((await page.groups()).map((g) => g.name), ['Administrators', 'Devs']);
  });

  it('keeps at least 100 steps', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    for (let i = 1; i <= 101; i++) await page.setDisplayName('jDoe', `Name ${i}`);
    assert.equal(await page.displayName('jDoe'), 'Name 101');
    for (let i = 0; i < 101; i++) await page.pressOnPage('Control+z');
    assert.equal(await page.displayName('jDoe'), 'John Doe');
    assert.equal(await page.undoButton.isDisabled(), true);
    await page.pressOnPage('Control+Shift+z');
    assert.equal(await page.displayName('jDoe'), 'Name 1');
  });

  it('undoes a whole hashing run as one step, and redoes it', async () => {
    const page = app();
    await page.openFile(fixtures.plaintext);
    await page.hashAll();
    assert.equal(await page.passwordState('jDoe'), 'hashed');
    assert.equal(await page.undoName(), 'Undo: hashed 2 plaintext passwords');
    await page.undo();
    assert.equal(await page.passwordState('jDoe'), 'plaintext');
    assert.equal(await page.passwordState('mRoe'), 'plaintext');
    assert.equal(await page.undoButton.isDisabled(), true);
    await page.redo();
    assert.equal(await page.passwordState('jDoe'), 'hashed');
    assert.equal(await page.passwordState('mRoe'), 'hashed');
    const saved = (await page.download()).json();
    for (const name of ['jDoe', 'mRoe']) {
      const user = saved.users.find((u) => u.userName === name);
      assert.equal(user.password, undefined);
      assert.ok(passwordMatches(knownPasswords[name], user), `${name}'s hash`);
    }
  });
});
