//! Reports of one change a line — the import plan, the CSV preview, a
//! comparison — written by one mechanism: each report says its lines once
//! ([`Report::each_line`]), and [`lines`], [`count`] and [`write`] turn
//! that into a list, a number or text.
//!
//! A line is handed over as [`fmt::Arguments`], which formats nothing until
//! it is written: counting a plan of 50,000 users' changes formats no line.
//! Names and values in lines go through [`text::quoted`](crate::text::quoted)
//! (a JSON string literal for ordinary text, every control character
//! escaped), or [`Value`] for a value that may be unset.

use crate::text::quoted;
use std::fmt;

/// Something told one line at a time.
pub(crate) trait Report {
    /// Calls `line` with each line, in order, stopping at the first error.
    fn each_line(&self, line: &mut dyn FnMut(fmt::Arguments<'_>) -> fmt::Result) -> fmt::Result;
}

/// Every line, formatted.
pub(crate) fn lines(report: &impl Report) -> Vec<String> {
    let mut out = Vec::new();
    let _ = report.each_line(&mut |line| {
        out.push(line.to_string());
        Ok(())
    });
    out
}

/// How many lines there are, formatting none.
pub(crate) fn count(report: &impl Report) -> usize {
    let mut n = 0;
    let _ = report.each_line(&mut |_| {
        n += 1;
        Ok(())
    });
    n
}

/// Every line followed by `\n`, for a `Display` implementation.
pub(crate) fn write(report: &impl Report, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    report.each_line(&mut |line| {
        f.write_fmt(line)?;
        f.write_str("\n")
    })
}

/// A value that may be unset: quoted, or `(none)`.
pub(crate) struct Value<'a>(pub Option<&'a str>);

impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(v) => quoted(v).fmt(f),
            None => f.write_str("(none)"),
        }
    }
}

/// [`Value`] of an optional string.
pub(crate) fn value(v: &Option<String>) -> Value<'_> {
    Value(v.as_deref())
}

/// The parts that are there, joined by `, `; `None` when there are none
/// (for summaries such as `added 2 users, declared 1 group`).
pub(crate) fn summary(parts: impl IntoIterator<Item = Option<String>>) -> Option<String> {
    let parts: Vec<String> = parts.into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}
