//! How problems are printed: `FILE:LINE:COL: error|warning: message`, the
//! format compilers use, so editors and CI logs can jump to the place.

use proget_users_core::parse::{ParseError, SourceMap};
use proget_users_core::path::Position;
use proget_users_core::strength::WeakPassword;
use proget_users_core::text::plural;
use proget_users_core::validate::{Finding, Severity};

/// Where a problem without a position is reported: the start of the file.
const START: Position = Position {
    line: 1,
    column: 1,
    offset: 0,
};

/// One finding of [`proget_users_core::validate::validate`], with the line and
/// column of its JSON path.
pub fn finding(name: &str, source: &SourceMap, finding: &Finding) -> String {
    let at = source.locate(&finding.path).unwrap_or(START);
    format!("{name}:{at}: {}: {}", finding.severity(), finding.problem)
}

/// A weak plaintext password, at the line and column of its `password`
/// value: why it is weak, never what it is.
pub fn weak(name: &str, source: &SourceMap, weak: &WeakPassword) -> String {
    let at = source.locate(&weak.path).unwrap_or(START);
    format!("{name}:{at}: warning: {}", weak.weakness)
}

/// One line per diagnostic of a file that could not be read, each an error.
pub fn parse_error(name: &str, error: &ParseError) -> Vec<String> {
    error
        .diagnostics
        .iter()
        .map(|d| format!("{name}:{}: error: {}", d.at.unwrap_or(START), d.kind))
        .collect()
}

/// An error at the start of the file, for problems found before parsing.
pub fn error_at_start(name: &str, message: &str) -> String {
    format!("{name}:{START}: error: {message}")
}

/// How many findings of each severity there are.
pub fn count(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}

/// `2 errors, 1 warning`, or `no problems`.
pub fn summary(errors: usize, warnings: usize) -> String {
    if errors == 0 && warnings == 0 {
        return "no problems".to_owned();
    }
    format!(
        "{}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    )
}

/// After writing a file that still has errors: a note on standard error
/// pointing to `check` (`name` is how the file was named on the command
/// line).
pub fn note_errors(name: &str, findings: &[Finding]) {
    let (errors, _) = count(findings);
    if errors > 0 {
        crate::message::note(format!(
            "{name} has {}; run `proget-users check` to see them",
            plural(errors, "error", "errors")
        ));
    }
}
