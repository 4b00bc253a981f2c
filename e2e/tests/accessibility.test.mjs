// axe-core finds no violation, of any impact, on any screen or dialog of the
// editor, in light and in dark mode (prefers-color-scheme): the start page,
// the raw view of a file that did not parse, each tab with a file open (and
// a comparison loaded), the hashing banner and the problems list, and every
// dialog, each opened the way a user opens it.
//
// axe is injected into the page, which only a context with the page's
// Content-Security-Policy bypassed allows: these tests alone open such a
// context (support/axe.mjs).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { axeViolations } from '../support/axe.mjs';
import { fixtures, fixturePath, readFixture } from '../support/fixtures.mjs';
import { EditorPage } from '../pages/editor-page.mjs';

for (const colorScheme of ['light', 'dark']) {
  describe(`accessibility (axe-core), ${colorScheme} mode`, () => {
    const editor = useEditor({ context: { bypassCSP: true, colorScheme } });
    const app = () => new EditorPage(editor.session);

    /** Fails with axe's findings when the page, as it is now, has any. */
    async function noViolations(where) {
      const found = await axeViolations(editor.page);
      assert.deepEqual(found, [], `axe found ${found.length} violation(s) on ${where} (${colorScheme}):\n${found.join('\n')}`);
    }

    /** Closes the open dialog with Escape, as a keyboard user would. */
    async function closeDialog(page) {
      await editor.page.keyboard.press('Escape');
      await page.dialog.waitFor({ state: 'detached' });
    }

    it('is in the mode asked for', async () => {
      const dark = await editor.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
      assert.equal(dark, colorScheme === 'dark');
    });

    it('the start page and the raw view of a file that did not parse', async () => {
      const page = app();
      await noViolations('the start page');
      await page.paste(readFixture('broken'));
      await editor.page.locator('.raw-view').waitFor();
      await noViolations('the raw view');
    });

    it('each tab with a file open, and a comparison', async () => {
      const page = app();
      await page.openFile(fixtures.example);
      await noViolations('the users tab');
      // A selected row, a focused name cell and a selection bar.
      await page.select('jDoe');
      await editor.page.locator('tr.user td.name').first().focus();
      await noViolations('the users tab with a selected user');
      for (const tab of ['Groups', 'Changes', 'Compare']) {
        await page.tab(tab);
        await noViolations(`the ${tab} tab`);
      }
      await page.compareWith(fixturePath('other-instance.json'));
      await noViolations('the Compare tab with another file');
      await page.tab('Groups');
      await page.button('Rename Developers').click();
      await noViolations('the Groups tab renaming a group');
    });

    it('plaintext passwords: the hashing banner and the problems list', async () => {
      const page = app();
      await page.openFile(fixtures.plaintext);
      await editor.page.locator('.problem').first().waitFor();
      await noViolations('a file with plaintext passwords');
      await page.paste(JSON.stringify({ users: [{ userName: 'a', emailAddress: 'not an email' }, { userName: 'a' }], groups: ['g'] }));
      await noViolations('a file with errors');
    });

    it('every dialog', async () => {
      const page = app();
      await page.openFile(fixtures.example);

      await page.button('Add user…').click();
      await page.dialog.waitFor();
      await noViolations('the add-user dialog');
      await page.dialog.getByRole('button', { name: 'Add user' }).click();
      await noViolations('the add-user dialog with an error');
      await closeDialog(page);

      await page.button('Set password for jDoe').click();
      await page.dialog.waitFor();
      await noViolations('the password dialog');
      await closeDialog(page);

      await page.chooseCsv(fixturePath('users-import.csv'));
      await noViolations('the CSV import dialog with a preview');
      await closeDialog(page);

      await page.button('Verify a password…').click();
      await page.dialog.waitFor();
      await noViolations('the verify dialog');
      await page.dialog.getByLabel('Password').fill('Admin');
      await page.dialog.getByRole('button', { name: 'Check' }).click();
      await page.dialog.locator('.outcome').waitFor();
      await noViolations('the verify dialog with an outcome');
      await closeDialog(page);

      await page.select('jDoe');
      await page.button(/^Generate passwords \(1\)…$/).click();
      await page.dialog.waitFor();
      await noViolations('the generate-passwords dialog');
      await page.dialog.getByRole('button', { name: /^Generate 1 password$/ }).click();
      await page.dialog.getByRole('button', { name: 'Download credentials sheet' }).waitFor();
      await noViolations('the generated passwords');
      await editor.session.download(() => page.dialog.getByRole('button', { name: 'Download credentials sheet' }).click());
      await page.dialog.getByRole('button', { name: 'Done' }).click();
      await page.dialog.waitFor({ state: 'detached' });

      await page.button(/^Remove 1 user…$/).click();
      await page.dialog.waitFor();
      await noViolations('a confirmation');
      await closeDialog(page);
    });
  });
}
