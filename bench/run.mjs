// scripts/bench-hash's driver: serves target/bench-hash/ on loopback, opens
// it in headless Chromium (Debian's, through playwright-core from e2e/) and
// prints milliseconds per hash for each way of hashing, in one run. Then it
// opens the editor itself (the release build in dist/) with a 50,000-user
// file (FILE: proget_users_core::sample::directory) of which 1,000 users
// have a plaintext password, presses "Hash 1000 plaintext passwords" and
// prints the run's time and the longest main-thread task in it.
//
// Usage: node bench/run.mjs [--quick] [FILE]

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { withPlaintextPasswords } from '../e2e/support/fixtures.mjs';
import { ROOT, serve } from '../e2e/support/server.mjs';

const require = createRequire(join(ROOT, 'e2e', 'package.json'));
const { chromium } = require('playwright-core');

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

const quick = process.argv.includes('--quick');
const FILE = process.argv.slice(2).find((a) => !a.startsWith('--'));
const N = (n) => (quick ? Math.max(8, Math.round(n / 10)) : n);

const server = await serve({ root: join(ROOT, 'target', 'bench-hash') });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });
try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.error(`  page ${m.type()}: ${m.text()} at ${JSON.stringify(m.location())}`); });
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  await page.goto(server.url);
  const { poolSize, cores } = await page.evaluate(() => window.bench.ready());
  console.log(`Chromium ${browser.version()}, navigator.hardwareConcurrency = ${cores}, pool of ${poolSize} workers`);

  const rows = [];
  const row = (name, count, { ms, longTask }) => {
    rows.push({ name, count, perHash: ms / count, longTask });
    return ms / count;
  };
  const run = (fn, ...args) => page.evaluate(([fn, args]) => window.bench[fn](...args), [fn, args]);

  // Cold start first: the workers load the wasm (what a user's first run costs).
  const cold = N(1000);
  row(`worker pool, SIMD, cold start (${poolSize} workers)`, cold, await run('pool', cold, 0, 'simd'));
  const reference = row('WebCrypto, all in flight, main thread', N(300), await run('webcrypto', N(300)));
  row('core scalar wasm, one worker', N(100), await run('pool', N(100), 1, 'scalar'));
  row('core SIMD wasm (4 lanes), one worker', N(200), await run('pool', N(200), 1, 'simd'));
  row(`WebCrypto in ${poolSize} workers, all in flight`, N(400), await run('pool', N(400), 0, 'webcrypto'));
  row(`worker pool, SIMD (${poolSize} workers)`, N(1000), await run('pool', N(1000), 0, 'simd'));

  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'way of hashing'.padEnd(width)}  hashes   ms/hash  vs WebCrypto  longest main-thread task`);
  for (const r of rows) {
    const speed = reference / r.perHash;
    console.log(
      `${r.name.padEnd(width)}  ${String(r.count).padStart(6)}  ${r.perHash.toFixed(3).padStart(8)}  ` +
        `${(speed.toFixed(2) + 'x').padStart(12)}  ${r.longTask ? r.longTask.toFixed(0) + ' ms' : 'none over 50 ms'}`,
    );
  }
  const pool = rows[rows.length - 1];
  console.log(
    `pool / WebCrypto-in-flight time per hash: ${(pool.perHash / reference).toFixed(2)} (target <= 0.5); ` +
      `speed-up ${(reference / pool.perHash).toFixed(2)}x`,
  );
  if (FILE) await editorRun(await readFile(FILE, 'utf8'));
} finally {
  await browser.close();
  await server.close();
}

/**
 * The editor (dist/) with `text` (a 50,000-user file) given PLAINTEXT
 * plaintext passwords: the time from the click on "Hash ..." to the status
 * that says they are hashed, and the longest main-thread task in between.
 */
async function editorRun(text) {
  const PLAINTEXT = N(1000);
  const body = withPlaintextPasswords(text, PLAINTEXT);
  const users = JSON.parse(body).users.length;
  const dist = await serve({ root: join(ROOT, 'dist') });
  const context = await browser.newContext();
  try {
    await context.route('**/bench-file.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await context.addInitScript(() => {
      window.__longtasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, end: e.startTime + e.duration });
      }).observe({ type: 'longtask', buffered: true });
      addEventListener('TrunkApplicationStarted', () => { window.__started = true; });
    });
    const page = await context.newPage();
    const workerScripts = [];
    page.on('worker', (w) => workerScripts.push(w.url()));
    page.on('pageerror', (e) => console.error(`  editor error: ${e.message}`));
    await page.goto(dist.url);
    await page.waitForFunction(() => window.__started === true, null, { timeout: 60_000 });
    const result = await page.evaluate(async ([count]) => {
      const text = await (await fetch('bench-file.json')).text();
      const data = new DataTransfer();
      data.items.add(new File([text], 'users-50000.json', { type: 'application/json' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
      const until = (cond) => new Promise((ok) => { const t = setInterval(() => { if (cond()) { clearInterval(t); ok(); } }, 5); });
      const label = `Hash ${count} plaintext passwords`;
      const button = () => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === label);
      await until(() => button());
      await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 200)));
      const t0 = performance.now();
      button().click();
      await until(() => document.querySelector('.status-info')?.textContent.trim() === `Hashed ${count} passwords`);
      await new Promise((ok) => requestAnimationFrame(ok));
      const t1 = performance.now();
      await new Promise((ok) => setTimeout(ok, 100)); // long tasks are reported after they end
      const tasks = window.__longtasks.filter((t) => t.end > t0 && t.start < t1).map((t) => t.end - t.start);
      return { ms: t1 - t0, longest: Math.max(0, ...tasks), over50: tasks.length };
    }, [PLAINTEXT]);
    console.log(
      `editor, ${users} users: hash ${PLAINTEXT} plaintext passwords in ${result.ms.toFixed(0)} ms ` +
        `(${(result.ms / PLAINTEXT).toFixed(3)} ms/hash, ${workerScripts.length} workers); ` +
        `longest main-thread task ${result.longest ? result.longest.toFixed(0) + ' ms' : 'none over 50 ms'} ` +
        `(${result.over50} over 50 ms)`,
    );
  } finally {
    await context.close();
    await dist.close();
  }
}
