// End-to-end tests of the weak-password warnings: plaintext passwords
// scored by the strength worker (zxcvbn, loaded only when needed) in the
// problems list, in the password dialog as the password is typed, and in
// the CSV import's preview; never showing a password.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { StrengthPage } from '../pages/strength-page.mjs';

const editor = useEditor();
const app = () => new StrengthPage(editor.session);

/** Passwords of the file below, by user. */
const PASSWORDS = { weakling: 'password1', bob: 'Bob2024!', strong: 'T4n!q8#Lr2@vZp9^Wc6$' };

const FILE = JSON.stringify({
  users: [
    { userName: 'weakling', displayName: 'Weak Ling', password: PASSWORDS.weakling, groups: [] },
    { userName: 'bob', displayName: 'Bob Smith', password: PASSWORDS.bob, groups: [] },
    { userName: 'strong', displayName: 'Strong One', password: PASSWORDS.strong, groups: [] },
  ],
  groups: [],
});

/** The page's text and the values of its fields but password fields (which mask it): where a password must never show. */
async function everythingShown(page) {
  return page.evaluate(() =>
    [
      document.body.innerText,
      ...[...document.querySelectorAll('input:not([type=password]), textarea')].map((i) => i.value),
    ].join('\n'),
  );
}

/** Whether the page asked for the strength worker's files (the service worker's caching aside). */
function workerRequested(session) {
  return session.requests.some((r) => !r.fromServiceWorker && /strength-worker/.test(new URL(r.url).pathname));
}

describe('weak-password warnings', () => {
  it('are not loaded with the page', async () => {
    const page = app();
    await page.loadExample(); // hashed passwords only: nothing to score
    await editor.page.waitForTimeout(500);
    assert.equal(workerRequested(editor.session), false, 'the strength worker is loaded only when needed');
  });

  it('list each weak plaintext in the problems list, with its place, and not a strong one', async () => {
    const page = app();
    await page.paste(FILE);
    const warnings = await page.weakWarnings({ expect: 2 });
    assert.equal(warnings.length, 2, warnings.join('\n'));
    assert.match(warnings[0], /^\$\.users\[0\]\.password: weak password: the password is easy to guess \(strength [0-2] of 4\)/);
    assert.equal(warnings[1], '$.users[1].password: weak password: the password is the user name with little added');
    assert.ok(workerRequested(editor.session));
    const shown = await everythingShown(editor.page);
    for (const p of Object.values(PASSWORDS)) assert.ok(!shown.includes(p), `the page never shows ${p.length}-character passwords`);

    // A warning leads to its user.
    await editor.page.locator('button.problem', { hasText: 'the user name with little added' }).click();
    assert.equal(await page.row('bob').getAttribute('aria-selected'), 'true');

    // Fixed: the warning goes.
    await page.setPassword('bob', 'correct horse battery staple', { plaintext: true });
    assert.equal((await page.weakWarnings({ expect: 1 })).length, 1);
  });

  it('say in the password dialog, as the password is typed, when it is weak and why', async () => {
    const page = app();
    await page.paste(FILE);
    const dialog = await page.typeNewPassword('strong', 'strong123');
    assert.match(await page.strengthVerdict(/little added/), /^weak: the password is the user name with little added/);
    assert.ok(!(await everythingShown(editor.page)).includes('strong123'));

    await dialog.getByLabel('New password').fill('');
    await dialog.getByLabel('New password').pressSequentially('qwerty');
    assert.match(await page.strengthVerdict(/easy to guess/), /^weak: the password is easy to guess \(strength [0-2] of 4\): .+/);

    await dialog.getByLabel('New password').fill('');
    await dialog.getByLabel('New password').pressSequentially(PASSWORDS.strong);
    assert.equal(await page.strengthVerdict(/^Not/), "Not easy to guess, and not made of the user's name.");
    assert.equal(await dialog.locator('.weak-password').count(), 0);

    // Weak does not block: the password can still be set.
    await dialog.getByLabel('New password').fill('qwerty');
    await dialog.getByLabel('Repeat it').fill('qwerty');
    await dialog.getByRole('button', { name: 'Set password' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.passwordState('strong'), 'hashed');
  });

  it('list the weak passwords of a CSV in its preview, by line', async () => {
    const page = app();
    await page.loadExample();
    await page.pasteCsv(
      ['Name,DisplayName,Email,Password', 'newWeak,New Weak,,letmein', `newStrong,New Strong,,${PASSWORDS.strong}`, 'jDoe,,,jdoe2024'].join('\n'),
    );
    const rows = await page.weakRows(2);
    assert.equal(rows.length, 2, rows.join('\n'));
    assert.match(rows[0], /^Line 2: weak password: the password is easy to guess \(strength [0-2] of 4\)/);
    assert.equal(rows[1], 'Line 4: weak password: the password is the user name with little added');
    const listed = await page.dialog.locator('.weak-rows').textContent();
    for (const p of ['letmein', 'jdoe2024', PASSWORDS.strong]) assert.ok(!listed.includes(p));
  });
});
