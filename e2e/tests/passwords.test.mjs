// End-to-end tests of generated passwords with their credentials sheet,
// and of checking a password against the stored hash.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { parseCsv } from '../support/csv.mjs';
import { fixtures, knownPasswords } from '../support/fixtures.mjs';
import { passwordMatches } from '../support/pbkdf2.mjs';
import { EditorPage } from '../pages/editor-page.mjs';

const editor = useEditor();
const app = () => new EditorPage(editor.session);

describe('generated passwords', () => {
  it('sets strong random passwords for the selected users and offers them only in the sheet', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    await page.select('Admin', 'jDoe');
    const { sheet, reminder, after } = await page.generatePasswords({ length: 24, symbols: false });
    assert.match(sheet.filename, /^credentials-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.match(reminder, /store it safely/i);
    assert.match(after, /Store it safely/);
    const rows = parseCsv(sheet.text);
    assert.deepEqual(rows[0], ['Name', 'DisplayName', 'Email', 'Password']);
    assert.deepEqual(
      rows.slice(1).map((r) => r.slice(0, 3)),
      [
        ['Admin', 'Administrator', ''],
        ['jDoe', 'John Doe', 'jdoe@example.com'],
      ],
    );
    const passwords = rows.slice(1).map((r) => r[3]);
    for (const p of passwords) {
      assert.equal(p.length, 24);
      assert.match(p, /^[A-Za-z0-9]+$/, 'no symbols were asked for');
      assert.match(p, /[a-z]/);
      assert.match(p, /[A-Z]/);
      assert.match(p, /[0-9]/);
    }
    assert.notEqual(passwords[0], passwords[1]);
    assert.equal(await page.undoName(), 'Undo: generated new passwords for 2 users');

    const saved = await page.download();
    const json = saved.json();
    rows.slice(1).forEach(([name, , , password]) => {
      const user = json.users.find((u) => u.userName === name);
      assert.ok(passwordMatches(password, user), `${name}'s new password verifies`);
      assert.equal(user.password, undefined);
    });
    for (const p of passwords) {
      assert.ok(!saved.text.includes(p), 'the JSON never holds the plaintext');
      const stored = await editor.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      assert.ok(!stored.includes(p), 'nor does web storage');
    }
  });
});

describe('verifying a password', () => {
  it('tells whether a typed password matches the stored hash', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    assert.match(await page.verify('Admin', knownPasswords.Admin), /^✓ Match/);
    assert.match(await page.verify('Admin', 'admin'), /^✗ No match/);
    assert.equal(await page.dialog.getByLabel('Password').inputValue(), '', 'the field is emptied after each check');
  });
});
