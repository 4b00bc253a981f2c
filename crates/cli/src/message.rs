//! Every line the tool prints for people goes through here, so that no
//! message carries a raw control character.
//!
//! Names from a file or an argument are shown with
//! [`proget_users_core::text::quoted`] where a message is made; on top of
//! that, each line is passed through [`escaped`] as it is printed, which
//! leaves safe text as it is and writes any control character (from a
//! message the core made, say) as an escape. Only the line ends between
//! lines are printed as they are. Files the tool writes (JSON, CSV) are
//! data, not messages, and are written byte for byte by
//! [`crate::output`].

use proget_users_core::text::escaped;
use std::fmt::Write as _;
use std::io::{self, Write};

/// `text` made safe to print: each line escaped, joined by `\n`.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = write!(out, "{}", escaped(line));
    }
    out
}

/// Prints `text` and a line end on standard error, made safe. A message
/// that cannot be printed (standard error closed) is dropped: there is
/// nowhere left to say so.
pub fn line(text: impl AsRef<str>) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", clean(text.as_ref()));
}

/// `error: ` and `text` on standard error.
pub fn error(text: impl AsRef<str>) {
    line(format!("error: {}", text.as_ref()));
}

/// `note: ` and `text` on standard error.
pub fn note(text: impl AsRef<str>) {
    line(format!("note: {}", text.as_ref()));
}

/// Prints `text` on standard error without a line end (a prompt).
pub fn prompt(text: impl AsRef<str>) {
    let mut err = io::stderr().lock();
    let _ = write!(err, "{}", clean(text.as_ref()));
    let _ = err.flush();
}
