//! The `proget-users` command-line tool, run as a user runs it: real files
//! in a temporary directory, standard input, exit codes, and the exact lines
//! on standard output and standard error.
//!
//! One test binary, one module per area (as ripgrep lays out its tests),
//! sharing [`util`]; fixtures are files in `tests/fixtures/`.
#![cfg(not(target_arch = "wasm32"))]

mod util;

mod check;
mod diff;
mod hash;
mod import_csv;
mod reset;
mod usage;
mod verify;
