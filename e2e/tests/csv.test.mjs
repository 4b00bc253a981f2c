// End-to-end tests of CSV in (preview, bad rows skipped on request,
// passwords hashed) and out (no secrets).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { parseCsv } from '../support/csv.mjs';
import { fixturePath, fixtures, readFixtureJson } from '../support/fixtures.mjs';
import { passwordMatches } from '../support/pbkdf2.mjs';
import { EditorPage } from '../pages/editor-page.mjs';

const editor = useEditor();
const app = () => new EditorPage(editor.session);

describe('CSV', () => {
  it('imports users from CSV: preview, bad row by line, skip on request, passwords hashed', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    const dialog = await page.chooseCsv(fixturePath('users-import.csv'));
    assert.deepEqual(await page.previewCounts(), {
      Added: 2,
      Updated: 1,
      Unchanged: 0,
      'New groups': 2,
      'Bad rows': 1,
    });
    assert.deepEqual(await page.badRows(), ['Line 6: the name is empty']);
    const apply = dialog.getByRole('button', { name: 'Apply', exact: true });
    assert.equal(await apply.isDisabled(), true, 'Apply waits for the choice to skip bad rows');
    await dialog.getByRole('checkbox', { name: 'Skip 1 bad row' }).check();
    assert.equal(await apply.isDisabled(), false);
    await editor.page.evaluate(() => document.querySelector('dialog[open] .csv-preview').scrollTo(0, 0));
    await page.applyImport();
    assert.match(await page.status(), /Imported CSV: added 2 users, updated 1 user, declared 2 groups, hashed 2 passwords, skipped 1 bad row/);
    assert.deepEqual(await page.userNames(), ['Admin', 'jDoe', 'newUser1', 'newUser2']);
    assert.equal(await page.undoName(), 'Undo: imported CSV: added 2 users, updated 1 user, declared 2 groups, hashed 2 passwords, skipped 1 bad row');

    const saved = (await page.download()).json();
    const user = (name) => saved.users.find((u) => u.userName === name);
    assert.equal(user('jDoe').displayName, 'Doe; John');
    assert.equal(user('jDoe').emailAddress, 'john.doe@example.com');
    assert.deepEqual(user('jDoe').groups, ['Developers', 'Testers']);
    assert.equal(user('newUser1').displayName, 'New, "One"');
    assert.equal(user('newUser2').displayName, 'Two\nLines');
    assert.ok(passwordMatches('Secr3t-One', user('newUser1')));
    assert.ok(passwordMatches('Pa55 two', user('newUser2')));
    assert.ok(saved.users.every((u) => u.password === undefined), 'no plaintext password in the JSON');
    assert.deepEqual(saved.groups, ['Administrators', 'Developers', 'Testers', 'Ops']);

    // One undo takes the whole import back.
    await page.undo();
    assert.deepEqual(await page.userNames(), ['Admin', 'jDoe']);
  });

  it('refuses a CSV without a Name column, saying why', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    await page.button('Import CSV…').click();
    await page.dialog.getByLabel('Or paste the CSV').fill('User,Mail\nx,y\n');
    await page.dialog.getByRole('button', { name: 'Preview pasted CSV' }).click();
    const error = page.dialog.locator('.form-error');
    await editor.page.waitForFunction(() => document.querySelector('dialog[open] .form-error')?.textContent.length > 0);
    assert.match(await error.textContent(), /could not be read: the header has unknown columns/);
    assert.equal(await page.dialog.getByRole('button', { name: 'Apply', exact: true }).isDisabled(), true);
  });

  it('exports users as CSV without secrets', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    const csv = await page.exportCsv();
    assert.equal(csv.filename, 'example-export.csv');
    const rows = parseCsv(csv.text);
    const expected = readFixtureJson('example').users.map((u) => [
      u.userName,
      u.displayName ?? '',
      u.emailAddress ?? '',
      '',
      u.groups.join(';'),
    ]);
    assert.deepEqual(rows, [['Name', 'DisplayName', 'Email', 'Password', 'Groups'], ...expected]);
    assert.ok(csv.text.endsWith('\r\n'));
    for (const u of readFixtureJson('example').users) {
      assert.ok(!csv.text.includes(u.passwordBytes), 'no password bytes');
      assert.ok(!csv.text.includes(u.saltBytes), 'no salt');
    }
  });
});
