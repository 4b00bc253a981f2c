// On a phone (390 px wide) and a tablet (768 px) the page itself never
// scrolls sideways, nor is anything cut off on the left: the tables scroll
// inside their own box, the toolbars wrap, and the Save and Problems panel
// moves below the tabs. Checked on every screen and dialog, the same ones
// the accessibility tests check (EditorPage.eachScreen).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { fixtures } from '../support/fixtures.mjs';
import { EditorPage, screenWalks } from '../pages/editor-page.mjs';

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

    for (const [walk, what] of Object.entries(screenWalks)) {
      it(what, async () => {
        await app().eachScreen(walk, fits);
      });
    }

    it('a file open: the table scrolls in its box, the side panel is below', async () => {
      await app().openFile(fixtures.example);
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
    });
  });
}
