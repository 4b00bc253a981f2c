// The editor with the keyboard alone: the tabs follow the WAI-ARIA tabs
// pattern, the users table is a grid its rows can be moved through (also
// the rows not rendered yet, of a long list), and whatever has the focus
// shows it, with enough contrast, in light and dark mode.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { fixtures } from '../support/fixtures.mjs';
import { EditorPage } from '../pages/editor-page.mjs';

const editor = useEditor();
const app = () => new EditorPage(editor.session);

/** The focused element, described: its role or tag, and its text or label. */
function focused() {
  return editor.page.evaluate(() => {
    const el = document.activeElement;
    return {
      role: el.getAttribute('role') ?? el.tagName.toLowerCase(),
      text: (el.getAttribute('aria-label') ?? el.textContent).trim(),
      row: el.closest('tr')?.dataset.position ?? null,
    };
  });
}

/** The tabs: which is selected, and each one's tabindex. */
function tabs() {
  return editor.page.locator('[role=tab]').evaluateAll((tabs) =>
    tabs.map((t) => `${t.firstChild.textContent.trim()}:${t.getAttribute('aria-selected')}:${t.tabIndex}`),
  );
}

describe('tabs (WAI-ARIA tabs pattern)', () => {
  it('one tab in the tab order; arrows, Home and End move and open', async () => {
    const page = app();
    await page.openFile(fixtures.example);
    assert.deepEqual(await tabs(), ['Users:true:0', 'Groups:false:-1', 'Changes:false:-1', 'Compare:false:-1']);
    const panel = editor.page.getByRole('tabpanel');
    assert.equal(await panel.getAttribute('aria-labelledby'), 'tab-users');

    // Tab reaches the open tab (from the toolbar before it), not the others.
    await editor.page.getByRole('button', { name: 'Example', exact: true }).focus();
    await editor.page.keyboard.press('Tab');
    assert.deepEqual(await focused(), { role: 'tab', text: 'Users2', row: null });

    const press = async (key, expected) => {
      await editor.page.keyboard.press(key);
      const now = await focused();
      assert.equal(now.role, 'tab', `${key} keeps the focus on a tab`);
      assert.ok(now.text.startsWith(expected), `${key} focuses ${expected}, not ${now.text}`);
      const open = (await tabs()).filter((t) => t.endsWith(':true:0'));
      assert.deepEqual(open.map((t) => t.split(':')[0]), [expected], `${key} opens ${expected}`);
    };
    await press('ArrowRight', 'Groups');
    await editor.page.locator('.groups-panel').waitFor();
    await press('ArrowRight', 'Changes');
    await press('End', 'Compare');
    await press('ArrowRight', 'Users');
    await press('ArrowLeft', 'Compare');
    await press('Home', 'Users');
    assert.equal(await panel.getAttribute('aria-labelledby'), 'tab-users');
  });
});

describe('users table (grid)', () => {
  it('moves through 2,000 rows with the arrows, Home, End and Page Down; Space selects', async () => {
    const page = app();
    const users = Array.from({ length: 2_000 }, (_, i) => ({
      userName: `user${String(i).padStart(4, '0')}`,
      displayName: `User ${i}`,
      groups: [],
    }));
    await page.paste(JSON.stringify({ users, groups: [] }));
    const grid = editor.page.getByRole('grid', { name: 'Users' });
    assert.equal(await grid.getAttribute('aria-multiselectable'), 'true');
    // One tab stop in the grid's cells: the first row's name.
    assert.deepEqual(await editor.page.locator('td[tabindex="0"]').allTextContents(), ['user0000']);

    // Tab from the filter's neighbours reaches it: the "Select all" box, then the cell.
    await editor.page.getByRole('checkbox', { name: 'Select all shown users' }).focus();
    for (let i = 0; i < 30; i++) {
      await editor.page.keyboard.press('Tab');
      if ((await focused()).role === 'td') break;
    }
    assert.deepEqual(await focused(), { role: 'td', text: 'user0000', row: '0' });

    const press = async (key, name) => {
      await editor.page.keyboard.press(key);
      await editor.page.waitForFunction((n) => document.activeElement?.textContent.trim() === n, name);
      // The focused row is on screen, inside the table's box.
      const inView = await editor.page.evaluate(() => {
        const cell = document.activeElement.getBoundingClientRect();
        const box = document.querySelector('.table-scroll').getBoundingClientRect();
        return cell.top >= box.top && cell.bottom <= box.bottom + 1;
      });
      assert.ok(inView, `${key}: ${name} is in view`);
    };
    await press('ArrowDown', 'user0001');
    await press('ArrowDown', 'user0002');
    await press('ArrowUp', 'user0001');
    await press('End', 'user1999');
    await press('ArrowDown', 'user1999');
    await press('ArrowUp', 'user1998');
    await press('Home', 'user0000');
    await press('ArrowUp', 'user0000');
    await editor.page.keyboard.press('PageDown');
    // A page down may land on a row not drawn yet: it is focused once drawn.
    await editor.page
      .waitForFunction(() => Number(document.activeElement?.closest('tr')?.dataset.position ?? 0) > 5, null, { timeout: 5_000 })
      .catch(() => {});
    const paged = await focused();
    assert.ok(Number(paged.row) > 5, `Page Down moves a page, to row ${paged.row}`);
    await press('Control+End', 'user1999');
    await press('Control+Home', 'user0000');

    // Space toggles the focused row's selection; the tab stop follows the focus.
    await press('ArrowDown', 'user0001');
    await editor.page.keyboard.press('Space');
    assert.equal(await page.row('user0001').getAttribute('aria-selected'), 'true');
    await editor.page.getByText('1 selected', { exact: true }).waitFor();
    await editor.page.keyboard.press('Space');
    assert.equal(await page.row('user0001').getAttribute('aria-selected'), 'false');
    assert.deepEqual(await editor.page.locator('td[tabindex="0"]').allTextContents(), ['user0001']);

    // Keys typed in a text cell stay the field's.
    const display = editor.page.getByLabel('Display name of user0001', { exact: true });
    await display.focus();
    await editor.page.keyboard.press('End');
    await editor.page.keyboard.press('ArrowDown');
    assert.equal((await focused()).text, 'Display name of user0001');
  });
});

describe('visible focus', () => {
  for (const colorScheme of ['light', 'dark']) {
    it(`shows a ring of 3:1 contrast or more around whatever has the focus (${colorScheme})`, async () => {
      const page = app();
      await page.openFile(fixtures.example);
      await editor.page.emulateMedia({ colorScheme });
      // Reached with the keyboard, so :focus-visible applies.
      const rings = [];
      await editor.page.getByRole('button', { name: 'Example', exact: true }).focus();
      for (let i = 0; i < 40; i++) {
        await editor.page.keyboard.press('Tab');
        rings.push(
          await editor.page.evaluate(() => {
            const el = document.activeElement;
            if (el === document.body) return null; // past the last control
            const style = getComputedStyle(el);
            // The colour behind the element: the first ancestor with a background.
            let bg = 'rgb(255, 255, 255)';
            for (let e = el.parentElement; e; e = e.parentElement) {
              const c = getComputedStyle(e).backgroundColor;
              if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') {
                bg = c;
                break;
              }
            }
            const label = `${el.tagName.toLowerCase()} ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}`;
            const ringed = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
            // A text field shows its focus with its border instead.
            const border = el.matches('input:not([type=checkbox]), textarea, select') ? style.borderTopColor : null;
            return { label, ringed, color: ringed ? style.outlineColor : border, bg };
          }),
        );
      }
      const luminance = (rgb) => {
        const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => {
          const c = Number(v) / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const contrast = (a, b) => {
        const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
      };
      const weak = rings.filter((r) => r && (!r.color || contrast(r.color, r.bg) < 3));
      assert.deepEqual(weak, [], 'every focused element shows a ring (or border) of 3:1 contrast');
      assert.ok(new Set(rings.filter(Boolean).map((r) => r.label)).size > 15, 'Tab went through the page');
    });
  }
});
