// End-to-end tests of the printable credential slips: the editor's
// generate dialog and the command line's `reset --slips` write the core's
// slips page; each is opened in headless Chromium, read back, printed to
// PDF with its own print CSS, and checked for one slip (and, laid out one
// per page, one page) per user, with the password the sheet has.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useEditor } from '../support/browser.mjs';
import { parseCsv } from '../support/csv.mjs';
import { ROOT } from '../support/server.mjs';
import { SlipsPage } from '../pages/slips-page.mjs';
import { StrengthPage } from '../pages/strength-page.mjs';

const editor = useEditor();
const app = () => new StrengthPage(editor.session);

const SERVER = 'https://proget.example.com';

/** Three users, so that one slip per page makes three pages. */
const TEAM = {
  users: [
    { userName: 'jDoe', displayName: 'John Doe', emailAddress: 'jdoe@example.com', groups: ['Developers'] },
    { userName: 'kim', displayName: 'Kim Lee', groups: ['Developers'] },
    { userName: 'Il1O0', groups: ['Developers'] },
    { userName: 'ops', displayName: 'Ops', groups: ['Operations'] },
  ],
  groups: ['Developers', 'Operations'],
};
const DEVELOPERS = ['jDoe', 'kim', 'Il1O0'];

/** Checks the slips page against the credentials sheet's rows, printed both ways. */
async function checkSlips(html, sheetRows, { pagesPerSlip }) {
  const slips = await SlipsPage.open(editor.browser, html);
  try {
    const read = await slips.slips();
    assert.deepEqual(
      read.map(({ userName, displayName, server, password }) => ({ userName, displayName, server, password })),
      sheetRows.map(([name, display, , password]) => ({
        userName: name,
        displayName: display === '' ? null : display,
        server: SERVER,
        password,
      })),
    );
    for (const slip of read) assert.match(slip.text, /change it the first time you sign in/);
    const pages = await slips.printedPages();
    if (pagesPerSlip) assert.equal(pages, read.length, 'one slip per printed page');
    else assert.ok(pages < read.length, `several slips per sheet: ${read.length} slips on ${pages} pages`);
    assert.deepEqual(slips.requests, [], 'the slips page loads nothing');
    return { slips: read.length, pages };
  } finally {
    await slips.close();
  }
}

describe('credential slips from the generate dialog', () => {
  it('download one slip per user, printed one per page, with the sheet\'s passwords and the server address', async () => {
    const page = app();
    await page.paste(JSON.stringify(TEAM));
    await page.select(...DEVELOPERS);
    const { slips, sheet, note } = await page.generateWithSlips({ server: SERVER });
    assert.match(note, /store it safely/);
    assert.match(slips.filename, /^slips-\d{4}-\d{2}-\d{2}\.html$/);
    const rows = parseCsv(sheet.text).slice(1);
    assert.deepEqual(rows.map((r) => r[0]), DEVELOPERS);
    assert.deepEqual(await checkSlips(slips.text, rows, { pagesPerSlip: true }), { slips: 3, pages: 3 });

    // The address is remembered for the next slips; the passwords never are.
    const stored = await editor.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.match(stored, /proget\.example\.com/);
    for (const [, , , password] of rows) assert.ok(!stored.includes(password));
  });

  it('lay several slips on a sheet when asked, with the remembered address', async () => {
    const page = app();
    await page.paste(JSON.stringify(TEAM));
    await page.select(...DEVELOPERS, 'ops');
    await page.generateWithSlips({ server: SERVER });
    await page.select(...DEVELOPERS, 'ops');
    const { slips, sheet } = await page.generateWithSlips({ layout: 'Several slips per sheet, to cut apart' });
    const rows = parseCsv(sheet.text).slice(1);
    const printed = await checkSlips(slips.text, rows, { pagesPerSlip: false });
    assert.equal(printed.slips, 4);
  });
});

describe('credential slips from the command line', () => {
  it('reset --slips writes one slip per user, printed one per page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slips-'));
    try {
      writeFileSync(join(dir, 'team.json'), JSON.stringify(TEAM));
      execFileSync(
        'cargo',
        ['run', '--quiet', '-p', 'proget-users', '--', 'reset', join(dir, 'team.json'), '--group', 'Developers',
          '-o', join(dir, 'out.json'), '--credentials', join(dir, 'sheet.csv'), '--slips', join(dir, 'slips.html'),
          '--server', SERVER],
        { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      assert.equal(statSync(join(dir, 'slips.html')).mode & 0o777, 0o600, 'readable by its owner only');
      const rows = parseCsv(readFileSync(join(dir, 'sheet.csv'), 'utf8')).slice(1);
      assert.deepEqual(rows.map((r) => r[0]), DEVELOPERS);
      const html = readFileSync(join(dir, 'slips.html'), 'utf8');
      assert.deepEqual(await checkSlips(html, rows, { pagesPerSlip: true }), { slips: 3, pages: 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
