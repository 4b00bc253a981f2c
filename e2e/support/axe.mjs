// axe-core (npm `axe-core`), run in the page under test. The page's
// Content-Security-Policy (script-src 'self') forbids injected scripts, so
// only a browser context opened with `bypassCSP: true` can take it: open
// such a context for the accessibility tests alone, and never for others.
//
//   const editor = useEditor({ context: { bypassCSP: true, colorScheme: 'dark' } });
//   assert.deepEqual(await axeViolations(editor.page), []);

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs every axe rule that is on by default (WCAG 2.0 to 2.2 A and AA, and
 * axe's best practices) over the whole page as it is now, and returns the
 * violations of any impact as readable lines:
 * "rule-id (impact): help — selector: what is wrong".
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: await AXE_SOURCE });
  }
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target}: ${n.summary.replace(/\s+/g, ' ')}`),
  );
}
