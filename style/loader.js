// Starts the editor: loads the WebAssembly module Trunk built next to this
// file. An external script (not Trunk's inline one) keeps the page's
// Content-Security-Policy strict: script-src 'self'. Like Trunk's loader, it
// announces the start with a "TrunkApplicationStarted" event.
import init from './editor.js';

const wasm = await init({ module_or_path: new URL('./editor_bg.wasm', import.meta.url) });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));

// Keep the app's own files for offline use (see sw.js). Service workers need
// a secure context: https, or localhost and 127.0.0.1.
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // Without a worker the editor works the same, only not offline.
  });
}
