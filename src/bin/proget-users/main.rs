//! `proget-users`: check, hash, verify, diff and edit ProGet
//! users-and-groups export files from the command line.
//!
//! ```text
//! proget-users check users.json
//! proget-users hash users.json -o users-hashed.json
//! printf '%s\n' "$PASSWORD" | proget-users verify users.json jDoe
//! proget-users diff server-export.json users-hashed.json --delete-missing
//! proget-users import-csv users.json new-users.csv -o users.json
//! proget-users reset users.json --group Developers -o users.json --credentials sheet.csv
//! ```
//!
//! The tool is native only: on wasm32 (where the web build compiles every
//! binary) `main` does nothing.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod check;
#[cfg(not(target_arch = "wasm32"))]
mod diff;
#[cfg(not(target_arch = "wasm32"))]
mod failure;
#[cfg(not(target_arch = "wasm32"))]
mod hash;
#[cfg(not(target_arch = "wasm32"))]
mod hashing;
#[cfg(not(target_arch = "wasm32"))]
mod import_csv;
#[cfg(not(target_arch = "wasm32"))]
mod input;
#[cfg(not(target_arch = "wasm32"))]
mod output;
#[cfg(not(target_arch = "wasm32"))]
mod report;
#[cfg(not(target_arch = "wasm32"))]
mod reset;
#[cfg(not(target_arch = "wasm32"))]
mod verify;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser;
    let args = args::Cli::parse();
    let result = match args.command {
        args::Command::Check(a) => check::run(&a),
        args::Command::Hash(a) => hash::run(&a),
        args::Command::Verify(a) => verify::run(&a),
        args::Command::Diff(a) => diff::run(&a),
        args::Command::ImportCsv(a) => import_csv::run(&a),
        args::Command::Reset(a) => reset::run(&a),
    };
    result.unwrap_or_else(|failure| failure.report())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
