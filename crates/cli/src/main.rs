//! `proget-users`: check, hash, verify, diff and edit ProGet
//! users-and-groups export files from the command line.
//!
//! ```text
//! proget-users check users.json
//! proget-users hash users.json -o users-hashed.json
//! printf '%s\n' "$PASSWORD" | proget-users verify users.json jDoe
//! proget-users diff server-export.json users-hashed.json --delete-missing
//! proget-users import-csv users.json new-users.csv -o users.json
//! proget-users reset users.json --group Developers -o users.json --credentials sheet.csv \
//!     --slips slips.html --server https://proget.example.com
//! proget-users edit users.json -o users.json add-group Testers \; join-group Testers jdoe
//! proget-users export-csv users.json -o users.csv
//! proget-users merge users.json other.json --prefer ours -o users.json
//! proget-users schema -o users-and-groups.schema.json
//! proget-users completions bash
//! proget-users man
//! ```
//!
//! Each command is a module with a `run` function; they share reading
//! ([`input`]), writing and the same-file check ([`output`]), hashing on
//! every core ([`hashing`]), the files that hold generated passwords
//! ([`sheets`]), weak-password warnings ([`weak`]), and the printing of
//! messages ([`message`], [`report`]).

mod args;
mod check;
mod completions;
mod diff;
mod edit;
mod export_csv;
mod failure;
mod hash;
mod hashing;
mod import_csv;
mod input;
mod man;
mod merge;
mod message;
mod names;
mod output;
mod paths;
mod progress;
mod report;
mod reset;
mod schema;
mod secret;
mod sheets;
mod verify;
mod weak;

fn main() -> std::process::ExitCode {
    use clap::Parser;
    let args = match args::Cli::try_parse() {
        Ok(args) => args,
        // Help and the version go to standard output as clap prints them.
        Err(e) if !e.use_stderr() => return failure::Failure::Clap(e).report(),
        // A usage error quotes the arguments, which may hold anything: it
        // is printed through the same escaping as every other message.
        Err(e) => {
            message::line(e.render().to_string().trim_end());
            return std::process::ExitCode::from(failure::TROUBLE);
        }
    };
    let result = match args.command {
        args::Command::Check(a) => check::run(&a),
        args::Command::Hash(a) => hash::run(&a),
        args::Command::Verify(a) => verify::run(&a),
        args::Command::Diff(a) => diff::run(&a),
        args::Command::ImportCsv(a) => import_csv::run(&a),
        args::Command::Reset(a) => reset::run(&a),
        args::Command::Edit(a) => edit::run(&a),
        args::Command::ExportCsv(a) => export_csv::run(&a),
        args::Command::Merge(a) => merge::run(&a),
        args::Command::Schema(a) => schema::run(&a),
        args::Command::Completions(a) => completions::run(&a),
        args::Command::Man(a) => man::run(&a),
    };
    result.unwrap_or_else(|failure| failure.report())
}
