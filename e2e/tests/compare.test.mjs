// End-to-end test of comparing with a second export and merging from it:
// one user, a conflict field by field, everything missing, each a step.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { fixturePath, fixtures } from '../support/fixtures.mjs';
import { EditorPage } from '../pages/editor-page.mjs';

const editor = useEditor();
const app = () => new EditorPage(editor.session);

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
