// Starts the editor: loads the WebAssembly module Trunk built next to this
// file. An external script (not Trunk's inline one) keeps the page's
// Content-Security-Policy strict: script-src 'self'. Like Trunk's loader, it
// announces the start with a "TrunkApplicationStarted" event.
import init from './editor.js';

const wasm = await init({ module_or_path: new URL('./editor_bg.wasm', import.meta.url) });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
