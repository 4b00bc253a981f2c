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
import { EditorPage, screenWalks } from '../pages/editor-page.mjs';

for (const colorScheme of ['light', 'dark']) {
  describe(`accessibility (axe-core), ${colorScheme} mode`, () => {
    const editor = useEditor({ context: { bypassCSP: true, colorScheme } });
    const app = () => new EditorPage(editor.session);

    /** Fails with axe's findings when the page, as it is now, has any. */
    async function noViolations(where) {
      const found = await axeViolations(editor.page);
      assert.deepEqual(found, [], `axe found ${found.length} violation(s) on ${where} (${colorScheme}):\n${found.join('\n')}`);
    }

    it('is in the mode asked for', async () => {
      const dark = await editor.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
      assert.equal(dark, colorScheme === 'dark');
    });

    for (const [walk, what] of Object.entries(screenWalks)) {
      it(what, async () => {
        await app().eachScreen(walk, noViolations);
      });
    }
  });
}
