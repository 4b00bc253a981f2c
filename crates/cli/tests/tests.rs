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
mod edit;
mod export_csv;
mod hash;
mod import_csv;
mod merge;
mod messages;
mod paths;
mod reset;
mod schema;
mod slips;
mod usage;
mod verify;
mod weak_passwords;
