//! `proget-users import-csv FILE USERS.csv [-o OUT]`: adds and updates
//! users from a CSV, hashing its passwords on every core.

use crate::args::ImportCsvArgs;
use crate::failure::Failure;
use crate::output::Files;
use crate::{hashing, input, message, output, paths, report, weak};
use proget_users_core::csv::{self, BadRows, CsvError, CsvUsers, RowError};
use proget_users_core::text::plural;
use proget_users_core::validate::validate;
use proget_users_core::write;
use std::process::ExitCode;
use zeroize::{Zeroize, Zeroizing};

/// Reads FILE and the CSV, then prints the preview (with `--dry-run`) or
/// writes the imported file. Bad rows are listed as `USERS.csv:LINE:`
/// lines on standard error; they refuse the import unless skipped. Weak
/// passwords are listed the same way, as warnings, and imported.
pub fn run(args: &ImportCsvArgs) -> Result<ExitCode, Failure> {
    Files::new()
        .edited("FILE", &args.file)
        .input("USERS.csv", &args.csv)
        .result("-o", args.output.as_deref())
        .check()?;
    let (name, parsed) = input::parse(&args.file)?;
    let mut file = parsed.file;
    let csv_name = paths::display_name(&args.csv);
    // The CSV may hold plaintext passwords: its bytes, and the passwords
    // read from it, are wiped from memory once used.
    let bytes = Zeroizing::new(input::read(&args.csv)?);
    let mut users = csv::parse_csv_bytes(&bytes).map_err(|e| Failure::Rejected {
        lines: vec![csv_error(&csv_name, &e)],
        code: 1,
    })?;
    drop(bytes);
    let bad_rows = if args.skip_bad_rows {
        BadRows::Skip
    } else {
        BadRows::Refuse
    };
    // Bad rows, and weak passwords (imported all the same, as ProGet takes
    // any password), in line order.
    let mut lines: Vec<(usize, String)> = users
        .bad_rows
        .iter()
        .map(|row| (row.line, bad_row(&csv_name, row, bad_rows)))
        .chain(
            weak::in_csv(&file, &users)
                .into_iter()
                .map(|(line, weakness)| (line, format!("{csv_name}:{line}: warning: {weakness}"))),
        )
        .collect();
    lines.sort_by_key(|(line, _)| *line);
    for (_, line) in lines {
        message::line(line);
    }
    let refused = bad_rows == BadRows::Refuse && !users.bad_rows.is_empty();

    if args.dry_run {
        let preview = csv::preview(&file, &users);
        output::stdout_text(&preview.to_string())?;
        if refused {
            message::error(refusal(&users));
        } else if preview.changes.is_empty() {
            message::line("no changes");
        }
        message::line("dry run: nothing written");
        return Ok(ExitCode::from(u8::from(refused)));
    }
    if refused {
        return Err(Failure::Rejected {
            lines: vec![format!("error: {}", refusal(&users))],
            code: 1,
        });
    }

    let jobs = csv::password_jobs(&users)
        .into_iter()
        .map(|mut job| (job.row, std::mem::take(&mut job.password)))
        .collect();
    let hashes = hashing::hash_all(jobs)
        .map_err(|e| Failure::Message(format!("cannot hash passwords: {e}")))?;
    let imported = csv::apply_with_hashes(&mut file, &users, bad_rows, hashes);
    for row in &mut users.rows {
        row.password.zeroize();
    }
    let imported =
        imported.map_err(|e| Failure::Message(format!("cannot import {csv_name}: {e}")))?;
    output::write(args.output.as_deref(), &write::to_bytes(&file))?;

    message::line(imported.to_string());
    report::note_errors(&name, &validate(&file));
    Ok(ExitCode::SUCCESS)
}

/// Why the import is refused: how many bad rows, and what to do.
fn refusal(users: &CsvUsers) -> String {
    format!(
        "import refused: {}; fix {} or pass --skip-bad-rows",
        plural(users.bad_rows.len(), "bad row", "bad rows"),
        if users.bad_rows.len() == 1 {
            "it"
        } else {
            "them"
        }
    )
}

/// `USERS.csv:4: error: the name is empty`; a warning ending in
/// `(skipped)` when bad rows are skipped.
fn bad_row(name: &str, row: &RowError, bad_rows: BadRows) -> String {
    match bad_rows {
        BadRows::Refuse => format!("{name}:{}: error: {}", row.line, row.problem),
        BadRows::Skip => format!("{name}:{}: warning: {} (skipped)", row.line, row.problem),
    }
}

/// A CSV that cannot be read at all, at its line when it has one.
fn csv_error(name: &str, error: &CsvError) -> String {
    let line = match error {
        CsvError::NotUtf8 { line } | CsvError::UnterminatedQuote { line } => Some(*line),
        _ => None,
    };
    match line {
        Some(line) => {
            let message = error.to_string();
            let message = message
                .strip_prefix(&format!("line {line}: "))
                .unwrap_or(&message);
            format!("{name}:{line}: error: {message}")
        }
        None => format!("{name}: error: {error}"),
    }
}
