// End-to-end tests of the editor in headless Chromium, against the release
// build in dist/: what a user does, from opening a file to checking the
// downloaded result with an independent PBKDF2 (Node's crypto). After every
// test the harness also checks that the page asked no other host for
// anything and logged no error (a CSP violation is a console error).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { fixtures, knownPasswords, readFixture, readFixtureJson } from '../support/fixtures.mjs';
import { passwordMatches } from '../support/pbkdf2.mjs';
import { EditorPage, exactly } from '../pages/editor-page.mjs';

const editor = useEditor();
const app = () => new EditorPage(editor.session);

describe('opening', () => {
  it('opens a file chosen with the file chooser', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    assert.deepEqual(await page.userNames(), ['Admin', 'jDoe']);
    assert.equal(await page.passwordState('Admin'), 'hashed');
    assert.match(await editor.page.locator('.file-name').textContent(), /example-export\.json/);
    assert.match(await page.status(), /2 users, 2 groups/);
  });

  it('opens pasted JSON', async () => {
    const page = app();
    await page.paste(readFixture('plaintext'));
    assert.deepEqual(await page.userNames(), ['Admin', 'jDoe', 'mRoe']);
    assert.equal(await page.passwordState('jDoe'), 'plaintext');
    await editor.page.getByText('2 users have plaintext passwords.').waitFor();
  });

  it('shows a broken file with its line and column, keeps the text, and opens it once fixed', async () => {
    const page = app();
    const text = readFixture('broken');
    await page.openFile(fixtures.broken);
    await page.assertRawProblemAt(14, 7);
    const area = editor.page.getByLabel('JSON text');
    assert.equal(await area.inputValue(), text);
    // The caret sits where the parser stopped: line 14, column 7.
    const caret = await area.evaluate((el) => el.selectionStart);
    const lines = text.split('\n');
    assert.equal(caret, lines.slice(0, 13).join('\n').length + 1 + 6);
    assert.match(await page.statusError.textContent(), /broken\.json could not be read/);

    await area.fill(text.replace('"userName": "jDoe"\n', '"userName": "jDoe",\n'));
    await page.button('Open again').click();
    await editor.page.locator('.workspace').waitFor();
    assert.deepEqual(await page.userNames(), ['Admin', 'jDoe']);
  });

  it('opens a file dropped anywhere on the page', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    await editor.page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.querySelector('.users-table').dispatchEvent(
          new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
        );
      }
    }, readFixture('plaintext'));
    await page.waitForStatus(/dropped\.json: 3 users/);
    assert.deepEqual(await page.userNames(), ['Admin', 'jDoe', 'mRoe']);
    assert.match(await editor.page.locator('.file-name').textContent(), /dropped\.json/);
  });

  it('shows a user named like markup as text, and runs no script from it', async () => {
    const page = app();
    const dialogs = [];
    editor.page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    const evil = '<img src=x onerror=alert(1)>';
    await page.paste(JSON.stringify({ users: [{ userName: evil, displayName: evil, groups: [evil] }], groups: [] }));
    assert.deepEqual(await page.userNames(), [evil]);
    await page.addUser({ name: '<script>alert(2)</script>' });
    assert.deepEqual(await page.userNames(), [evil, '<script>alert(2)</script>']);
    await page.tab('Groups');
    await page.tab('Changes');
    await editor.page.waitForTimeout(200);
    assert.equal(await editor.page.locator('main img, main script').count(), 0);
    assert.deepEqual(dialogs, []);
  });
});

describe('editing', () => {
  it('adds a user and removes users after confirming', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    await page.addUser({
      name: 'bob',
      displayName: 'Bob Builder',
      email: 'bob@example.com',
      groups: ['Developers'],
      password: 'bob-pw-1',
    });
    assert.deepEqual(await page.userNames(), ['Admin', 'jDoe', 'bob']);
    assert.equal(await page.passwordState('bob'), 'hashed');
    assert.match(await page.status(), /Added user bob/);

    await page.select('jDoe', 'bob');
    assert.equal(await page.removeSelected(), 'Remove 2 users?');
    assert.deepEqual(await page.userNames(), ['Admin']);

    const saved = (await page.download()).json();
    assert.deepEqual(saved.users.map((u) => u.userName), ['Admin']);
    assert.deepEqual(saved.users[0], readFixtureJson('example').users[0]);
  });

  it('refuses a user name that clashes in letter case', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    await page.button('Add user…').click();
    await page.dialog.getByLabel('User name').fill('jdoe');
    await page.dialog.getByText('“jDoe” is taken').waitFor();
    await editor.page.keyboard.press('Escape');
    await page.dialog.waitFor({ state: 'detached' });
    assert.deepEqual(await page.userNames(), ['Admin', 'jDoe']);
  });

  it('renames a group, and every member follows', async () => {
    const page = app();
    await page.paste(readFixture('plaintext'));
    await page.renameGroup('Developers', 'Engineering');
    assert.deepEqual(await page.groups(), [
      { name: 'Administrators', members: 1 },
      { name: 'Engineering', members: 2 },
      { name: 'Testers', members: 1 },
    ]);
    assert.match(await page.status(), /Renamed group Developers to Engineering \(2 members\)/);
    const saved = (await page.download()).json();
    assert.deepEqual(saved.groups, ['Administrators', 'Engineering', 'Testers']);
    assert.deepEqual(saved.users[1].groups, ['Engineering']);
    assert.deepEqual(saved.users[2].groups, ['Engineering', 'Testers']);
  });

  it('sets a password, hashed as ProGet does, and leaves other users untouched', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    await page.setPassword('jDoe', 'n3w Pässword!');
    assert.equal(await page.passwordState('jDoe'), 'hashed');
    // The password is nowhere on the page afterwards.
    assert.equal(await editor.page.evaluate(() => document.body.innerHTML.includes('n3w Pässword!')), false);

    const saved = await page.download();
    assert.equal(saved.filename, 'example-export.json');
    const { users } = saved.json();
    assert.ok(passwordMatches('n3w Pässword!', users[1]), 'jDoe has a PBKDF2 hash of the new password');
    assert.equal(users[1].password, undefined);
    const original = readFixtureJson('example');
    assert.deepEqual(users[0], original.users[0]);
    assert.ok(passwordMatches(knownPasswords.Admin, users[0]));
    const { passwordBytes, saltBytes, ...rest } = users[1];
    const { passwordBytes: _p, saltBytes: _s, ...restBefore } = original.users[1];
    assert.deepEqual(rest, restBefore);
    assert.notEqual(passwordBytes, original.users[1].passwordBytes);
    assert.equal(Buffer.from(saltBytes, 'base64').length, 10);
  });

  it('hashes every plaintext password with progress, and the download holds no plaintext', async () => {
    const page = app();
    await page.openFile(fixtures.plaintext);
    assert.match(await page.button(/^Hash \d+ plaintext/).textContent(), /Hash 2 plaintext passwords/);
    await page.hashAll();
    assert.equal(await page.passwordState('jDoe'), 'hashed');
    assert.equal(await page.passwordState('mRoe'), 'hashed');
    assert.match(await page.status(), /Hashed 2 passwords/);

    const saved = await page.download();
    assert.equal(saved.filename, 'plaintext-passwords.json');
    assert.ok(!saved.text.includes(knownPasswords.jDoe) && !saved.text.includes(knownPasswords.mRoe));
    const { users, groups } = saved.json();
    assert.ok(passwordMatches(knownPasswords.jDoe, users[1]));
    assert.ok(passwordMatches(knownPasswords.mRoe, users[2]));
    const original = readFixtureJson('plaintext');
    assert.deepEqual(users[0], original.users[0]);
    assert.deepEqual(groups, original.groups);
    for (const i of [1, 2]) {
      const { passwordBytes, saltBytes, ...rest } = users[i];
      const { password, ...restBefore } = original.users[i];
      assert.deepEqual(rest, restBefore);
      assert.deepEqual(Object.keys(users[i]), Object.keys(original.users[i]).flatMap((k) => (k === 'password' ? ['passwordBytes', 'saltBytes'] : [k])));
    }
  });

  it('shows what an import would change, with and without deleting missing users', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    await page.addUser({ name: 'carol', groups: ['Developers'] });
    await page.setDisplayName('jDoe', 'Johnny');
    await page.select('Admin');
    await page.removeSelected();
    await page.tab('Changes');
    const cards = editor.page.locator('.count-card');
    assert.deepEqual(
      (await cards.allTextContents()).map((t) => t.trim()),
      ['Users added1', 'Users updated1', 'Users removed0', 'Groups added0', 'Groups removed0'],
    );
    await editor.page.getByText('Display name: “John Doe” → “Johnny”').waitFor();
    await editor.page.getByRole('checkbox', { name: 'Delete missing users and groups' }).check();
    await editor.page.locator('.change-group.removed').getByText(exactly('Admin')).waitFor();
  });
});

describe('many users', () => {
  it('keeps 10,000 users in a virtual table; select-all, filter and problems work on all of them', async () => {
    const page = app();
    const users = Array.from({ length: 10_000 }, (_, i) => ({
      userName: `user${String(i).padStart(5, '0')}`,
      displayName: `User ${i}`,
      groups: [`g${i % 7}`],
    }));
    users[9_876].emailAddress = 'not an email';
    await page.paste(JSON.stringify({ users, groups: ['g0', 'g1', 'g2', 'g3', 'g4', 'g5', 'g6'] }));
    const rendered = await editor.page.locator('tr.user').count();
    assert.ok(rendered > 10 && rendered < 150, `${rendered} rows in the DOM`);
    assert.equal(await editor.page.locator('table.users-table').getAttribute('aria-rowcount'), '10001');

    await editor.page.getByRole('checkbox', { name: 'Select all shown users' }).check();
    await editor.page.getByText('10000 selected', { exact: true }).waitFor();
    await editor.page.getByRole('button', { name: 'Clear', exact: true }).click();

    // A problem about one user, far down the list, scrolls to it and selects it.
    await editor.page.locator('button.problem', { hasText: 'user09876' }).click();
    await page.row('user09876').waitFor();
    assert.equal(await page.row('user09876').getAttribute('aria-selected'), 'true');

    await editor.page.getByPlaceholder(/^Filter/).fill('g3');
    await editor.page.getByText(/^1429 of 10000 users$/).waitFor();
  });
});

describe('saving', () => {
  it('copies the JSON to the clipboard', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    await page.button('Copy JSON').click();
    await page.waitForStatus(/Copied the JSON/);
    const copied = await editor.page.evaluate(() => navigator.clipboard.readText());
    assert.deepEqual(JSON.parse(copied), readFixtureJson('example'));
  });

  it('asks before downloading a file with errors, and can hide password bytes', async () => {
    const page = app();
    await page.paste(JSON.stringify({ users: [{ userName: 'a', passwordBytes: 'x' }, { userName: 'b' }], groups: [] }));
    const button = editor.page.locator('.download-actions .button.primary');
    assert.match(await button.textContent(), /^Download \(\d+ errors?\)$/);
    await button.click();
    await page.dialog.getByText(/ProGet's import may fail/).waitFor();
    await editor.page.keyboard.press('Escape');
    await page.dialog.waitFor({ state: 'detached' });

    const saved = await page.download({ hidePasswordBytes: true });
    assert.equal(saved.filename, 'users-and-groups.json');
    assert.deepEqual(saved.json().users, [{ userName: 'a' }, { userName: 'b' }]);
  });

  it('warns before leaving with changes not downloaded, and not after downloading them', async () => {
    const page = app();
    // Whether leaving now would ask: the page cancels a beforeunload event.
    const wouldAsk = () =>
      editor.page.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      });
    await page.openFile(fixtures.example);
    assert.equal(await wouldAsk(), false);
    await page.setDisplayName('Admin', 'Boss');
    await page.waitForStatus(/display name of Admin/);
    assert.equal(await wouldAsk(), true);
    await editor.page.locator('.badge.unsaved').waitFor();
    await page.download();
    assert.equal(await wouldAsk(), false);
    assert.equal(await editor.page.locator('.badge.unsaved').count(), 0);
  });
});

describe('the page', () => {
  it('runs under a strict Content-Security-Policy and asks no other host for anything', async () => {
    const page = app();
    const csp = await editor.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    assert.match(csp, /connect-src 'self'/);
    await page.openFile(fixtures.plaintext);
    await page.hashAll();
    await page.download();
    await editor.page.waitForLoadState('networkidle');
    editor.session.assertNoOutsideRequests();
    editor.session.assertNoErrors();
  });
});
