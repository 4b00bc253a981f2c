// On a phone (390 px wide) and a tablet (768 px) the page itself never
// scrolls sideways, nor is anything cut off on the left: the tables scroll
// inside their own box, the toolbars wrap, and the Save and Problems panel
// moves below the tabs. Checked on every screen, each tab, and with a
// dialog open.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { fixtures, fixturePath, readFixture } from '../support/fixtures.mjs';
import { EditorPage } from '../pages/editor-page.mjs';

for (const [device, width, height] of [
  ['phone', 390, 844],
  ['tablet', 768, 1024],
]) {
  describe(`${device} (${width} px wide)`, () => {
    const editor = useEditor({ context: { viewport: { width, height }, isMobile: true, hasTouch: true } });
    const app = () => new EditorPage(editor.session);

    /** Fails when the page is wider than the window, or anything visible starts left of it. */
    async function fits(where) {
      const found = await editor.page.evaluate(() => {
        const scrollWidth = document.documentElement.scrollWidth;
        // The page's main area scrolls up and down, never sideways.
        const main = document.querySelector('main');
        const mainWider = main.scrollWidth - main.clientWidth;
        // A box that scrolls or clips sideways inside the main area (a table's own box).
        const boxed = (el) => {
          for (let e = el.parentElement; e && e !== main && e !== document.body; e = e.parentElement) {
            if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX)) return true;
          }
          return false;
        };
        // Visible boxes that stick out of the window (left or right), outside such boxes.
        const out = [];
        for (const el of document.querySelectorAll('body *')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || el.closest('.visually-hidden') || boxed(el)) continue;
          if (r.left < -0.5 || r.right > innerWidth + 0.5) out.push(`${el.tagName.toLowerCase()}.${el.className}`);
        }
        return { scrollWidth, innerWidth, mainWider, out: out.slice(0, 5) };
      });
      assert.ok(
        found.scrollWidth <= found.innerWidth,
        `${where}: the page is ${found.scrollWidth} px wide in a ${found.innerWidth} px window`,
      );
      assert.ok(found.mainWider <= 0, `${where}: the main area scrolls ${found.mainWider} px sideways`);
      assert.deepEqual(found.out, [], `${where}: boxes outside the window`);
    }

    it('the start page and the raw view', async () => {
      const page = app();
      await fits('the start page');
      await page.paste(readFixture('broken'));
      await editor.page.locator('.raw-view').waitFor();
      await fits('the raw view');
    });

    it('a file open: each tab, the table scrolling in its box, the side panel below', async () => {
      const page = app();
      await page.openFile(fixtures.example);
      await fits('the users tab');
      assert.deepEqual(
        await editor.page.evaluate(() => {
          const scroll = document.querySelector('.table-scroll');
          return {
            tableScrolls: scroll.scrollWidth > scroll.clientWidth,
            sideBelow: document.querySelector('.side').getBoundingClientRect().top >=
              document.querySelector('.content').getBoundingClientRect().bottom - 1,
          };
        }),
        { tableScrolls: true, sideBelow: true },
      );
      for (const tab of ['Groups', 'Changes', 'Compare']) {
        await page.tab(tab);
        await fits(`the ${tab} tab`);
      }
      await page.compareWith(fixturePath('other-instance.json'));
      await fits('the Compare tab with another file');
    });

    it('with a dialog open', async () => {
      const page = app();
      await page.openFile(fixtures.example);
      await page.button('Add user…').click();
      await page.dialog.waitFor();
      await fits('the add-user dialog');
      await editor.page.keyboard.press('Escape');
      await page.chooseCsv(fixturePath('users-import.csv'));
      await fits('the CSV import dialog with a preview');
      await editor.page.keyboard.press('Escape');
      await page.select('jDoe');
      await page.button(/^Generate passwords \(1\)…$/).click();
      await page.dialog.waitFor();
      await fits('the generate-passwords dialog');
    });
  });
}
