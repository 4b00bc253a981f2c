//! The password-strength Web Worker: the page starts it the first time a
//! plaintext password needs scoring (see the editor's `strength` module)
//! and sends it passwords with their owners; it answers why each is weak,
//! or that it is not. Built by Trunk as a classic worker
//! (`data-type="worker"`, `data-loader-shim`: `strength-worker_loader.js`
//! imports the wasm-bindgen glue and starts this module). The protocol is
//! in the crate's documentation (`lib.rs`).

#[cfg(target_arch = "wasm32")]
mod worker;

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "../../worker/src/native.rs"]
mod native;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::refuse_to_run("password-strength");
}
