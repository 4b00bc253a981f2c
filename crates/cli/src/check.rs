//! `proget-users check FILE`: every finding, one `FILE:LINE:COL` line each,
//! weak plaintext passwords among the warnings.

use crate::args::CheckArgs;
use crate::failure::Failure;
use crate::output::Files;
use crate::{input, message, output, report, weak};
use proget_users_core::validate::{validate, Severity};
use std::process::ExitCode;

/// Prints the findings (or the parse errors) on standard output and a count
/// on standard error; exit 1 when there is an error. Errors come first, then
/// warnings; a weak password's warning follows the other warnings about its
/// user (so each group stays in file order), before those about the whole
/// file.
pub fn run(args: &CheckArgs) -> Result<ExitCode, Failure> {
    Files::new().input("FILE", &args.file).check()?;
    let (lines, errors, warnings) = match input::parse(&args.file) {
        Ok((name, parsed)) => {
            let findings = validate(&parsed.file);
            let (errors, warnings) = report::count(&findings);
            let mut weak = weak::in_file(&parsed.file).into_iter().peekable();
            let weak_count = weak.len();
            let mut lines = Vec::with_capacity(findings.len() + weak_count);
            for finding in &findings {
                if finding.severity() == Severity::Warning {
                    // Findings about no user (the file's) sort last.
                    let user = finding.path.user_index().unwrap_or(usize::MAX);
                    while let Some(w) = weak.next_if(|w| w.user < user) {
                        lines.push(report::weak(&name, &parsed.source, &w));
                    }
                }
                lines.push(report::finding(&name, &parsed.source, finding));
            }
            lines.extend(weak.map(|w| report::weak(&name, &parsed.source, &w)));
            (lines, errors, warnings + weak_count)
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
