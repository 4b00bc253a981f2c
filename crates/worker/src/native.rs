//! What each of the editor's Web Workers (this crate's and
//! `proget-users-strength-worker`'s, which includes this file) does when
//! built natively, as `cargo build --workspace` builds it: it is not a
//! program to run, so it says what it is and where it belongs, and fails.

/// Tells that this binary is the editor's `what` Web Worker, built by Trunk
/// for wasm32 (see `index.html`), and exits with 2.
pub fn refuse_to_run(what: &str) -> ! {
    eprintln!(
        "this is the editor's {what} Web Worker: Trunk builds it for wasm32 (see index.html)"
    );
    std::process::exit(2);
}
