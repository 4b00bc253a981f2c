// Takes the pictures in docs/ from the built page (dist/): the editor with
// ProGet's example open, a CSV import's preview, and a comparison. Not a
// test: run it through scripts/screenshots when the page's look changes.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser, openSession } from './support/browser.mjs';
import { fixturePath, fixtures } from './support/fixtures.mjs';
import { ROOT, serve } from './support/server.mjs';
import { EditorPage } from './pages/editor-page.mjs';

const DOCS = join(ROOT, 'docs');
await mkdir(DOCS, { recursive: true });
const server = await serve();
const browser = await launchBrowser();

/** A fresh page with the editor started, and a function that saves a picture. */
async function open() {
  const session = await openSession(browser, server);
  await session.goto('/');
  const shot = async (name) => {
    await session.page.mouse.move(640, 600); // no hover highlight in the picture
    await session.page.evaluate(() => document.activeElement?.blur());
    await session.page.waitForTimeout(100);
    await session.page.screenshot({ path: join(DOCS, name) });
    console.log(`wrote docs/${name}`);
  };
  return { session, app: new EditorPage(session), shot };
}

try {
  {
    const { session, app, shot } = await open();
    await session.page.setViewportSize({ width: 1280, height: 760 });
    await app.loadExample();
    await session.page.locator('tr.user').first().waitFor();
    await shot('screenshot.png');
    await session.close();
  }
  {
    const { session, app, shot } = await open();
    await app.openFile(fixtures.example);
    const dialog = await app.chooseCsv(fixturePath('users-import.csv'));
    await dialog.getByRole('checkbox', { name: 'Skip 1 bad row' }).check();
    await session.page.evaluate(() => document.querySelector('dialog[open] .csv-preview').scrollTo(0, 0));
    await shot('csv-import.png');
    await session.close();
  }
  {
    const { session, app, shot } = await open();
    await app.openFile(fixtures.example);
    await app.compareWith(fixturePath('other-instance.json'));
    await app.conflict('jDoe').waitFor();
    await shot('compare.png');
    await session.close();
  }
} finally {
  await browser.close();
  await server.close();
}
