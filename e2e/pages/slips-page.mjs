// A page object for a credential slips page (the core's slips HTML, as the
// editor's generate dialog and the command line's `reset --slips` write it):
// opened in its own headless Chromium page, read back from the DOM, and
// printed to PDF as a person's Print command would.
//
//   const slips = await SlipsPage.open(browser, html);
//   assert.deepEqual(await slips.slips(), [{ userName: 'jDoe', … }]);
//   const pages = pdfPageCount(await slips.pdf());

import { pdfPageCount } from '../support/pdf.mjs';

export class SlipsPage {
  /** @param {import('playwright-core').Page} page */
  constructor(context, page) {
    this.context = context;
    this.page = page;
  }

  /**
   * Opens `html` (the slips page's text) in a fresh context of `browser`,
   * with every request refused (the page must load nothing).
   */
  static async open(browser, html) {
    const context = await browser.newContext();
    const requests = [];
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const slips = new SlipsPage(context, page);
    slips.requests = requests;
    return slips;
  }

  /** Each slip as it reads: { userName, displayName, server, password, labels }. */
  async slips() {
    return this.page.locator('section.slip').evaluateAll((sections) =>
      sections.map((s) => ({
        userName: s.querySelector('.user-name')?.textContent ?? null,
        displayName: s.querySelector('.display-name')?.textContent ?? null,
        server: s.querySelector('.server')?.textContent ?? null,
        password: [...s.querySelectorAll('.password .char')].map((c) => c.textContent).join(''),
        text: s.textContent,
      })),
    );
  }

  /** The page printed on A4 paper with its own print CSS, as PDF bytes. */
  async pdf() {
    await this.page.emulateMedia({ media: 'print' });
    return this.page.pdf({ format: 'A4', preferCSSPageSize: true });
  }

  /** How many pages the printed PDF has. */
  async printedPages() {
    return pdfPageCount(await this.pdf());
  }

  async close() {
    await this.context.close();
  }
}
