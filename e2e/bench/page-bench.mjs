// The page's benchmark (not a test): opens generated directory-shaped files
// in the release build, in headless Chromium, and prints how long each
// thing a user does takes, as the user sees it (from the event to the frame
// after the page shows the result), with the longest main-thread task in
// that time (PerformanceObserver "longtask"). JSON.parse of the same text,
// in the same page, is the yardstick for opening.
//
// Run it through scripts/bench-browser, which builds dist/ and writes the
// files: node bench/page-bench.mjs DIR, where DIR holds users-N.json for
// N = 10000, 20000 and 50000 (proget_users_core::sample::directory).
// BENCH_TIMEOUT_MS (default 180000) bounds each step.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser, openSession } from '../support/browser.mjs';
import { withPlaintextPasswords } from '../support/fixtures.mjs';
import { serve } from '../support/server.mjs';

const DIR = process.argv[2];
if (!DIR) {
  console.error('usage: node bench/page-bench.mjs DIR (see scripts/bench-browser)');
  process.exit(2);
}
const TIMEOUT = Number(process.env.BENCH_TIMEOUT_MS || 180_000);
const SIZES = (process.env.BENCH_SIZES || '10000,50000').split(',').map(Number);
const PLAINTEXT = 300;
const THEIRS = 20_000;

/** In-page helpers, installed before the app starts. */
function installHelpers() {
  const longtasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longtasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: 'longtask', buffered: true });
  let objectUrlAt = 0;
  const createObjectURL = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (blob) => {
    objectUrlAt = performance.now();
    return createObjectURL(blob);
  };
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  // The frame that paints what is in the DOM now (its rAF callback runs just before).
  const paint = () => new Promise((r) => requestAnimationFrame(r));
  const text = (sel) => document.querySelector(sel)?.textContent?.trim() ?? '';
  window.__bench = {
    text,
    names: () => [...document.querySelectorAll('tr.user td.name')].map((e) => e.textContent.trim()),
    button(name) {
      return [...document.querySelectorAll('button')].find((b) => {
        const label = (b.getAttribute('aria-label') || b.textContent).trim();
        return name instanceof RegExp ? name.test(label) : label === name;
      });
    },
    /** Resolves when `cond()` holds, checking on every DOM change and every 5 ms. */
    until(cond, timeout) {
      const started = performance.now();
      return new Promise((resolve, reject) => {
        let observer, timer;
        const check = () => {
          let ok = false;
          try {
            ok = cond();
          } catch {}
          if (ok) {
            observer.disconnect();
            clearInterval(timer);
            resolve(performance.now());
          } else if (performance.now() - started > timeout) {
            observer.disconnect();
            clearInterval(timer);
            reject(new Error('timed out'));
          }
        };
        observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        timer = setInterval(check, 5);
        check();
      });
    },
    /**
     * Runs `action`, waits for `cond` and the frame that paints it: { ms, longest, over50 }
     * (the longest main-thread task from the action to that frame; 0 when none took over 50 ms).
     */
    async measure(action, cond, timeout) {
      await frame();
      const t0 = performance.now();
      action();
      try {
        await this.until(cond, timeout);
      } catch {
        return { ms: null, longest: null, over50: null };
      }
      await paint();
      const t1 = performance.now();
      await frame(); // the long-task observer reports a task after it ends
      const tasks = longtasks.filter((t) => t.end > t0 && t.start < t1).map((t) => t.end - t.start);
      return { ms: t1 - t0, longest: Math.max(0, ...tasks), over50: tasks.filter((d) => d > 50).length };
    },
    objectUrlAt: () => objectUrlAt,
    /** A file named `name` holding `text`, ready to drop (made before the clock starts, as a
     * file on disk exists before it is dropped: encoding the text is not the page's work). */
    file(name, text) {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'application/json' }));
      return data;
    },
    /** Dispatches a drop of a prepared file. */
    drop(data) {
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    },
    type(selector, value) {
      const input = document.querySelector(selector);
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
  };
}

const rows = [];
function report(what, size, result, extra = '') {
  const ms = result.ms === null ? `> ${TIMEOUT} (timed out)` : result.ms.toFixed(0);
  const longest = result.longest === null ? '-' : result.longest.toFixed(0);
  rows.push({ what, size, ms, longest, extra });
  console.log(`${what.padEnd(40)} ${String(size).padStart(6)}  ${ms.padStart(10)} ms  longest task ${longest.padStart(6)} ms  ${extra}`);
}

const server = await serve();
const browser = await launchBrowser();
const files = new Map();
for (const n of [...new Set([...SIZES, THEIRS])]) files.set(`users-${n}.json`, await readFile(join(DIR, `users-${n}.json`), 'utf8'));
for (const n of SIZES) files.set(`plaintext-${n}.json`, withPlaintextPasswords(files.get(`users-${n}.json`), PLAINTEXT));

async function session() {
  const s = await openSession(browser, server);
  await s.context.addInitScript(installHelpers);
  await s.context.route('**/bench-data/*', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    route.fulfill({ status: 200, contentType: 'application/json', body: files.get(name) });
  });
  await s.goto('/');
  return s;
}

/** Opens `name` by dropping it on the page; returns the time to the first row, and JSON.parse's. */
async function open(page, name, first) {
  return page.evaluate(
    async ([name, first, timeout]) => {
      const text = await (await fetch(`bench-data/${name}`)).text();
      const parse = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        JSON.parse(text);
        parse.push(performance.now() - t0);
      }
      parse.sort((a, b) => a - b);
      const b = window.__bench;
      const data = b.file(name, text);
      const result = await b.measure(() => b.drop(data), () => b.names()[0] === first, timeout);
      return { ...result, parse: parse[1] };
    },
    [name, first, TIMEOUT],
  );
}

const step = (page, action, cond) =>
  page.evaluate(
    ([action, cond, timeout]) => {
      const b = window.__bench;
      return b.measure(new Function('b', action).bind(null, b), new Function('b', `return ${cond}`).bind(null, b), timeout);
    },
    [action, cond, TIMEOUT],
  );

console.log(`page benchmark: ${server.origin}, release build in ${server.root}\n`);
for (const n of SIZES) {
  let s = await session();
  let page = s.page;
  const opened = await open(page, `users-${n}.json`, 'user00000');
  report('open → first row', n, opened, opened.ms ? `(JSON.parse ${opened.parse.toFixed(0)} ms: ${(opened.ms / opened.parse).toFixed(1)}×)` : '');
  report('filter keystroke → rows', n, await step(page, "b.type('input[type=search]', 'user0001')", "b.names()[0] === 'user00010' && b.names().length === 10"));
  await step(page, "b.type('input[type=search]', '')", `b.names()[0] === 'user00000' && b.names().length > 10`);
  report('sort by display name', n, await step(page, "document.querySelector('th.display button').click()", "b.names()[2] === 'user00010'"));
  await step(page, "document.querySelector('th.display button').click()", "b.names()[0] === 'user09999'");
  await step(page, "document.querySelector('th.display button').click()", "b.names()[2] === 'user00002'");
  report('select all', n, await step(page, "document.querySelector('th.check input').click()", `b.text('.selection-count') === '${n} selected'`));
  // The selection's tools are shown once their code has come (a chunk of its own).
  await step(page, '', "!!document.querySelector('#group-name')");
  await step(page, "b.type('#group-name', 'Bench group')", "!b.button('Add to group').disabled");
  report('add selected to a group', n, await step(page, "b.button('Add to group').click()", `b.text('.status-info').startsWith('Added ${n} users to Bench group')`));
  report('undo of that', n, await step(page, "b.button(/^Undo:/).click()", "b.text('.status-info').startsWith('Undid')"));
  await step(page, "b.button('Clear').click()", "b.text('.selection-count').startsWith('Select users')");
  await step(page, "b.type('input[type=search]', 'user00')", "b.names().length > 0 && b.text('.count').startsWith('1000 of')");
  await step(page, "document.querySelector('th.check input').click()", "b.text('.selection-count') === '1000 selected'");
  await step(page, "b.button('Remove 1000 users…').click()", "!!b.button('Remove 1000 users')");
  report('remove 1,000 users', n, await step(page, "b.button('Remove 1000 users').click()", "b.text('.status-info').startsWith('Removed 1000 users')"));
  await step(page, "b.type('input[type=search]', '')", "b.names()[0] === 'user01000'");
  const download = await step(page, "document.querySelector('.download-actions .button.primary').click()", 'b.objectUrlAt() > 0');
  report('download', n, download);
  await s.close();

  s = await session();
  page = s.page;
  await open(page, `plaintext-${n}.json`, 'user00000');
  const hashed = await step(page, `b.button('Hash ${PLAINTEXT} plaintext passwords').click()`, `b.text('.status-info') === 'Hashed ${PLAINTEXT} passwords'`);
  report(`hash ${PLAINTEXT} plaintext passwords`, n, hashed, hashed.ms ? `(${(hashed.ms / PLAINTEXT).toFixed(1)} ms a hash, ${hashed.over50} tasks over 50 ms)` : '');
  await s.close();
}

{
  const s = await session();
  const page = s.page;
  await step(page, "b.button('New file').click()", "!!document.querySelector('.workspace')");
  await step(page, "document.getElementById('tab-compare').click()", "!!document.getElementById('compare-file-input')");
  await page.evaluate(async (name) => {
    const text = await (await fetch(`bench-data/${name}`)).text();
    const data = new DataTransfer();
    data.items.add(new File([text], name, { type: 'application/json' }));
    const input = document.getElementById('compare-file-input');
    input.files = data.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, `users-${THEIRS}.json`);
  await step(page, '', `!!b.button(/^Take all missing \\(${THEIRS} users/)`);
  report('Compare → take all missing', THEIRS, await step(page, "b.button(/^Take all missing/).click()", `b.text('.status-info').startsWith('Added ${THEIRS} users')`));
  await s.close();
}

await browser.close();
await server.close();
