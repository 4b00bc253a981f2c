//! Target `parse`: any bytes read as a users-and-groups file.
//!
//! - Reading never panics, and the three readers (`parse`, `parse_owned`,
//!   `parse_str`) agree.
//! - A file that reads is written back byte for byte, and the written text
//!   reads as the same model. Every problem validation finds has a place.
//! - An error has at least one diagnostic, each with a sane position, and
//!   no message carries a raw control character.
//! - With a NUL byte, what precedes it is the file and what follows is an
//!   edit script ([`crate::edits`]): edits, undo and redo, then write →
//!   read gives the edited model.

use crate::{assert_safe_lines, assert_safe_message, edits, split};
use proget_users_core::model::UsersFile;
use proget_users_core::parse::{parse, parse_owned, parse_str, ParseError, Parsed};
use proget_users_core::validate::validate;
use proget_users_core::write::to_json;

/// The whole check of one input.
pub fn check(data: &[u8]) {
    let (text, script) = split(data);
    let parsed = round_trip(data);
    if let Some(script) = script {
        // `data` holds a NUL, so it cannot have read.
        assert!(parsed.is_none(), "a text with a raw NUL was read");
        if let Some(file) = round_trip(text) {
            edits::run(file, text, script);
        }
    }
}

/// Reads `bytes` and checks everything that follows from reading; the file
/// if it read.
pub fn round_trip(bytes: &[u8]) -> Option<UsersFile> {
    let read = parse(bytes);
    let owned = parse_owned(bytes.to_vec());
    match (&read, &owned) {
        (Ok(a), Ok(b)) => assert_eq!(a.file, b.file, "parse and parse_owned differ"),
        (Err(a), Err(b)) => assert_eq!(a, b, "parse and parse_owned fail differently"),
        _ => panic!(
            "parse and parse_owned disagree: {:?} / {:?}",
            read.as_ref().err(),
            owned.as_ref().err()
        ),
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        match (&read, parse_str(text)) {
            (Ok(a), Ok(b)) => assert_eq!(a.file, b.file, "parse and parse_str differ"),
            (Err(a), Err(b)) => assert_eq!(*a, b, "parse and parse_str fail differently"),
            (a, b) => panic!(
                "parse and parse_str disagree: {:?} / {:?}",
                a.as_ref().err(),
                b.err()
            ),
        }
    }
    match read {
        Ok(parsed) => Some(check_read(bytes, parsed)),
        Err(error) => {
            check_error(bytes, &error);
            None
        }
    }
}

fn check_read(bytes: &[u8], parsed: Parsed) -> UsersFile {
    let written = to_json(&parsed.file);
    assert!(
        written.as_bytes() == bytes,
        "an untouched file is not written back byte for byte:\nread:    {:?}\nwritten: {:?}",
        String::from_utf8_lossy(bytes),
        written
    );
    let again = parse(written.as_bytes())
        .unwrap_or_else(|e| panic!("the written text does not read: {e}\n{written:?}"));
    assert_eq!(again.file, parsed.file, "written → read changed the model");

    let text = std::str::from_utf8(bytes).unwrap_or_default();
    for finding in validate(&parsed.file) {
        assert_safe_message("a finding", &finding.to_string());
        let at = parsed.source.locate(&finding.path);
        let at = at.unwrap_or_else(|| panic!("the finding {finding} has no place"));
        assert!(at.offset <= text.len(), "{finding} is placed past the end");
        assert!(at.line >= 1 && at.column >= 1, "{finding} at {at}");
    }
    parsed.file
}

fn check_error(bytes: &[u8], error: &ParseError) {
    assert!(
        !error.diagnostics.is_empty(),
        "an error without a diagnostic"
    );
    let breaks = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
    for d in &error.diagnostics {
        assert_safe_message("a parse error", &d.to_string());
        if let Some(at) = d.at {
            assert!(at.offset <= bytes.len(), "{d}: placed past the end");
            assert!(at.line >= 1 && at.column >= 1, "{d}: at {at}");
            assert!(at.line <= breaks + 1, "{d}: past the last line");
        }
    }
    assert_safe_lines("a parse error", &error.to_string());
}
