// The benchmark's in-page half (scripts/bench-hash drives it): WebCrypto's
// PBKDF2 with every request in flight on the main thread (the reference),
// the page's worker pool through the wasm exports, and the longest
// main-thread task seen while each ran (PerformanceObserver "longtask").

const ITERATIONS = 10000;

let longest = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
}).observe({ type: 'longtask', buffered: false });

/** Runs `work` and returns { ms, longTask } (the longest task over 50 ms, else 0). */
async function timed(work) {
  longest = 0;
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  // Long tasks are reported after they end: let the observer catch up.
  await new Promise((ok) => setTimeout(ok, 100));
  return { ms, longTask: longest };
}

/** WebCrypto PBKDF2-HMAC-SHA1 of `count` passwords, all requests in flight. */
async function webcrypto(count) {
  const encoder = new TextEncoder();
  const jobs = [];
  for (let i = 0; i < count; i++) {
    const salt = crypto.getRandomValues(new Uint8Array(10));
    jobs.push(
      crypto.subtle
        .importKey('raw', encoder.encode(`bench password ${i} ✓`), 'PBKDF2', false, ['deriveBits'])
        .then((key) =>
          crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt, iterations: ITERATIONS }, key, 160),
        ),
    );
  }
  const keys = await Promise.all(jobs);
  if (keys.length !== count || keys.some((k) => k.byteLength !== 20)) throw new Error('WebCrypto gave no key');
}

window.bench = {
  async ready() {
    if (!window.wasmBindings) {
      await new Promise((ok) => addEventListener('TrunkApplicationStarted', ok, { once: true }));
    }
    return { poolSize: window.wasmBindings.pool_size(), cores: navigator.hardwareConcurrency };
  },
  webcrypto: (count) => timed(() => webcrypto(count)),
  pool: (count, workers, engine) => timed(() => window.wasmBindings.run_pool(count, workers, engine)),
};
