// scripts/bench-hash's driver: serves target/bench-hash/ on loopback, opens
// it in headless Chromium (Debian's, through playwright-core from e2e/) and
// prints milliseconds per hash for each way of hashing, in one run.
//
// Usage: node bench/run.mjs [--quick]

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, serve } from '../e2e/support/server.mjs';

const require = createRequire(join(ROOT, 'e2e', 'package.json'));
const { chromium } = require('playwright-core');

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

const quick = process.argv.includes('--quick');
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
} finally {
  await browser.close();
  await server.close();
}
