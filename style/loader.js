// Starts the editor: loads the WebAssembly module Trunk built next to this
// file. An external script (not Trunk's inline one) keeps the page's
// Content-Security-Policy strict: script-src 'self'. Like Trunk's loader, it
// announces the start with a "TrunkApplicationStarted" event.
//
// First it makes sure the service worker (sw.js) controls the page, so that
// editor.js and the wasm pass through it on the first visit and it keeps
// them for offline use without downloading them a second time; once the
// editor has started, it asks the worker to download the rest. Without a
// worker (no secure context, a browser without them, registration refused)
// or if it is slow to start, the editor starts all the same.

/** How long the first visit waits for the worker to take control. */
const WORKER_WAIT_MS = 3000;

async function underWorker() {
  // Service workers need a secure context: https, or localhost and 127.0.0.1.
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const sw = navigator.serviceWorker;
  const controlled = new Promise((resolve) => {
    if (sw.controller) resolve();
    else sw.addEventListener('controllerchange', () => resolve(), { once: true });
  });
  const registered = sw.register('./sw.js').catch(() => null);
  if (sw.controller) return;
  // No worker unless it registered; then wait for it, but not for ever.
  if (!(await registered)) return;
  await Promise.race([controlled, new Promise((resolve) => setTimeout(resolve, WORKER_WAIT_MS))]);
}

await underWorker();
const { default: init } = await import('./editor.js');
const wasm = await init({ module_or_path: new URL('./editor_bg.wasm', import.meta.url) });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
// Now the service worker may download, in the background, what the editor
// fetches only when first needed (its chunks, the Web Workers), for offline use.
navigator.serviceWorker?.controller?.postMessage('keep-the-rest');
