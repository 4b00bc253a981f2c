// End-to-end tests of the power tools, each done as a user would: undo and
// redo (buttons and keys, a hashing run as one step), CSV in (preview, bad
// rows skipped on request) and out, generated passwords with their
// credentials sheet, checking a password, comparing with a second export
// and merging, and opening the page offline after one visit. Downloaded
// files are checked independently: hashes with Node's own PBKDF2.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { fixturePath, fixtures, knownPasswords, readFixtureJson } from '../support/fixtures.mjs';
import { passwordMatches } from '../support/pbkdf2.mjs';
import { ROOT } from '../support/server.mjs';
import { PowerPage } from '../pages/power-page.mjs';

const editor = useEditor();
const app = () => new PowerPage(editor.session);

/** Parses CSV text as RFC 4180 (quotes, doubled quotes, CRLF): rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

async function saveDocShot(name) {
  const path = join(ROOT, 'docs', name);
  await mkdir(join(ROOT, 'docs'), { recursive: true });
  await editor.page.screenshot({ path });
}

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
    await saveDocShot('csv-import.png');
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

describe('compare and merge', () => {
  it('compares with another export and takes a user, a conflict resolution and all missing ones', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    await page.compareWith(fixturePath('other-instance.json'));
    assert.deepEqual(await page.compareCounts(), {
      'Only here': 0,
      'Only there': 2,
      Different: 1,
      Same: 1,
      'Groups only there': 2,
    });
    assert.deepEqual(await page.onlyTheirs(), ['kLee', 'pPark']);
    const conflict = page.conflict('jDoe');
    assert.match(await conflict.textContent(), /jdoe@example\.com.*john\.doe@other\.example/);
    await saveDocShot('compare.png');

    // One user.
    await page.takeUser('kLee');
    assert.deepEqual(await page.onlyTheirs(), ['pPark']);
    assert.equal(await page.undoName(), 'Undo: added user kLee, declared group Reviewers');

    // A conflict, field by field: their email, our display name.
    await page.chooseTheirs('jDoe', 'email');
    await page.applyChoices('jDoe');
    assert.equal(await page.undoName(), 'Undo: took the email of jDoe');
    assert.match(await page.conflict('jDoe').textContent(), /John Doe.*Johnny Doe/);
    assert.doesNotMatch(await page.conflict('jDoe').textContent(), /john\.doe@other\.example/);

    // Everything else missing.
    await page.takeAllMissing();
    assert.equal(await page.undoName(), 'Undo: added user pPark, declared group Auditors');
    assert.deepEqual(await page.onlyTheirs(), []);

    const json = (await page.download()).json();
    assert.deepEqual(json.users.map((u) => u.userName), ['Admin', 'jDoe', 'kLee', 'pPark']);
    const jdoe = json.users.find((u) => u.userName === 'jDoe');
    assert.equal(jdoe.emailAddress, 'john.doe@other.example');
    assert.equal(jdoe.displayName, 'John Doe');
    assert.equal(jdoe.passwordBytes, '2TrI7i+MckZCprLE1cP36M8snwg=', 'the password was kept');
    assert.deepEqual(json.groups, ['Administrators', 'Developers', 'Reviewers', 'Auditors']);

    // Each take is its own undo step.
    await page.undo();
    await page.undo();
    assert.deepEqual(await page.onlyTheirs(), ['pPark']);
    assert.match(await page.conflict('jDoe').textContent(), /john\.doe@other\.example/);
  });
});

describe('offline', () => {
  it('opens and works with the network cut, after one visit', async () => {
    const page = app();
    const { context } = editor.session;
    // The first visit installs the worker, which caches the app's files.
    await editor.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const cached = await editor.page.evaluate(async () => {
      const urls = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      }
      return urls.sort();
    });
    assert.deepEqual(cached, [
      '/',
      '/editor.js',
      '/editor_bg.wasm',
      '/icon.svg',
      '/index.html',
      '/loader.js',
      '/main.css',
      '/manifest.webmanifest',
      '/power.css',
    ]);

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
    for (const p of paths) assert.ok(cached.includes(p) || p === '/sw.js' || p === '/favicon.ico', `requested ${p}`);
  });
});
