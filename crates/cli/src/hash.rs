//! `proget-users hash FILE [-o OUT]`: hashes every plaintext password on
//! every core and writes the file.

use crate::args::HashArgs;
use crate::failure::Failure;
use crate::output::Files;
use crate::{hashing, message, output, report};
use proget_users_core::text::plural;
use proget_users_core::validate::validate;
use proget_users_core::{edit, write};
use std::process::ExitCode;

/// Reads FILE, hashes its plaintext passwords and writes the result. Says on
/// standard error how many were hashed, and whether errors remain.
pub fn run(args: &HashArgs) -> Result<ExitCode, Failure> {
    Files::new()
        .edited("FILE", &args.file)
        .result("-o", args.output.as_deref())
        .check()?;
    let (name, parsed) = crate::input::parse(&args.file)?;
    let mut file = parsed.file;
    let jobs = edit::plaintext_passwords(&file);
    let count = jobs.len();
    let hashes = hashing::hash_all(jobs)
        .map_err(|e| Failure::Message(format!("cannot hash passwords: {e}")))?;
    edit::apply_hashes(&mut file, hashes);
    output::write(args.output.as_deref(), &write::to_bytes(&file))?;

    message::line(format!("hashed {}", plural(count, "password", "passwords")));
    report::note_errors(&name, &validate(&file));
    Ok(ExitCode::SUCCESS)
}
