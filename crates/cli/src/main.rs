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

mod args;
mod check;
mod diff;
mod failure;
mod hash;
mod hashing;
mod import_csv;
mod input;
mod output;
mod report;
mod reset;
mod verify;

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
