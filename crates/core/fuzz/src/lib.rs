//! What the fuzz targets check, one module per target (`fuzz_targets/`
//! holds only the entry points). Every check panics on failure, which
//! libFuzzer reports as a crash and saves the input of.
//!
//! Inputs that carry two parts (a file and an edit script, or two files)
//! are split at their first NUL byte: JSON cannot hold a raw NUL, so a text
//! that parses never loses anything to the split, and the seeds show the
//! fuzzer the form.

pub mod csv;
pub mod edits;
pub mod parse;
pub mod plan;

use proget_users_core::text::is_unsafe;

/// `data` before its first NUL byte, and what follows it (if there is one).
pub fn split(data: &[u8]) -> (&[u8], Option<&[u8]>) {
    match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    }
}

/// A message shown to a person: it must not carry a raw control character
/// (or any other character [`is_unsafe`] names) from the input.
pub fn assert_safe_message(what: &str, message: &str) {
    assert!(
        !message.chars().any(is_unsafe),
        "{what} carries a raw control character: {message:?}"
    );
}

/// Like [`assert_safe_message`], for text of several lines: the line ends
/// are ours, the rest must be safe.
pub fn assert_safe_lines(what: &str, message: &str) {
    for line in message.split('\n') {
        assert_safe_message(what, line);
    }
}
