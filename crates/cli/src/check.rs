//! `proget-users check FILE`: every finding, one `FILE:LINE:COL` line each.

use crate::args::CheckArgs;
use crate::failure::Failure;
use crate::output::Files;
use crate::{input, message, output, report};
use proget_users_core::validate::validate;
use std::process::ExitCode;

/// Prints the findings (or the parse errors) on standard output and a count
/// on standard error; exit 1 when there is an error.
pub fn run(args: &CheckArgs) -> Result<ExitCode, Failure> {
    Files::new().input("FILE", &args.file).check()?;
    let (lines, errors, warnings) = match input::parse(&args.file) {
        Ok((name, parsed)) => {
            let findings = validate(&parsed.file);
            let (errors, warnings) = report::count(&findings);
            let lines: Vec<String> = findings
                .iter()
                .map(|f| report::finding(&name, &parsed.source, f))
                .collect();
            (lines, errors, warnings)
        }
        Err(Failure::Rejected { lines, .. }) => {
            let errors = lines.len();
            (lines, errors, 0)
        }
        Err(other) => return Err(other),
    };
    let mut text = String::new();
    for line in &lines {
        text.push_str(line);
        text.push('\n');
    }
    output::stdout_text(&text)?;
    message::line(report::summary(errors, warnings));
    Ok(ExitCode::from(u8::from(errors > 0)))
}
