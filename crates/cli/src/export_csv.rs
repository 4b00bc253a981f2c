//! `proget-users export-csv FILE [-o OUT] [--user NAME... | --group NAME]`:
//! the users as CSV, the columns of the editor's export.

use crate::args::ExportCsvArgs;
use crate::failure::Failure;
use crate::names::{self, Selection};
use crate::output::Files;
use crate::{input, message, output};
use proget_users_core::csv::to_csv;
use proget_users_core::text::plural;
use std::process::ExitCode;

/// Writes the chosen users (all by default) as CSV and says how many on
/// standard error.
pub fn run(args: &ExportCsvArgs) -> Result<ExitCode, Failure> {
    Files::new()
        .input("FILE", &args.file)
        .result("-o", args.output.as_deref())
        .check()?;
    let (name, parsed) = input::parse(&args.file)?;
    let file = parsed.file;
    let (csv, count) = if args.users.is_empty() && args.group.is_none() {
        (to_csv(&file, None), file.users.len())
    } else {
        let selection = Selection {
            users: &args.users,
            group: args.group.as_deref(),
            all: false,
        };
        let chosen = names::chosen(&file, &name, &selection)?;
        let chosen: Vec<&str> = chosen.iter().map(String::as_str).collect();
        (to_csv(&file, Some(&chosen)), chosen.len())
    };
    output::write(args.output.as_deref(), csv.as_bytes())?;
    message::line(format!("exported {}", plural(count, "user", "users")));
    Ok(ExitCode::SUCCESS)
}
