// Reading a PDF that headless Chromium printed, without a PDF library:
// Chromium (Skia) writes its page objects as plain dictionaries, so a
// page is an object whose /Type is /Page, and the page tree's root says
// how many there are in /Count. Both are read and must agree.
//
//   const pdf = await page.pdf({ format: 'A4' });
//   assert.equal(pdfPageCount(pdf), 3);

import assert from 'node:assert/strict';

/** The number of pages in `bytes` (a Buffer or Uint8Array holding a PDF). */
export function pdfPageCount(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  assert.ok(text.startsWith('%PDF-'), 'a PDF starts with %PDF-');
  // "/Type /Page" but not "/Type /Pages".
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  // The root of the page tree counts every page below it: the largest /Count of a /Pages node.
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) =>
    Number(m[1] ?? m[2]),
  );
  assert.ok(counts.length > 0, 'the PDF has a page tree');
  assert.equal(Math.max(...counts), pages, 'the page tree counts the page objects');
  return pages;
}
