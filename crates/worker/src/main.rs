//! The hashing Web Worker: the page starts one per processor core (see the
//! page's `worker_pool`), sends it batches of plaintext passwords, and gets
//! back their hashes. Built by Trunk as a classic worker
//! (`data-type="worker"`, `data-loader-shim`: `worker_loader.js` imports the
//! wasm-bindgen glue and starts this module).
//!
//! The protocol, one object per message:
//!
//! - worker → page `{type: "ready", simd}` once this module runs (messages
//!   sent before it are lost: the page waits for it);
//! - page → worker `{type: "hash", id, engine, bytes, ends}`: the UTF-8
//!   passwords one after another (`Uint8Array`, transferred) and where each
//!   ends (`Uint32Array`); `engine` is `"simd"` (four passwords per
//!   instruction where the module has SIMD), `"scalar"` (one at a time) or
//!   `"webcrypto"` (the browser's `deriveBits`, every request in flight);
//! - worker → page `{type: "hashed", id, records}`: 30 bytes per password
//!   (key, then a fresh salt), transferred; or `{type: "failed", id,
//!   message}`; or `{type: "died", message}` when it panicked (it is of no
//!   further use: the page terminates it and hashes its batches elsewhere).
//!
//! Every plaintext is wiped here after use: the received buffer and the
//! copy the hashing reads.

#[cfg(target_arch = "wasm32")]
mod worker;

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
mod native;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::refuse_to_run("hashing");
}
