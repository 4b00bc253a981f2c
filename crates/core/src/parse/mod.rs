//! Reading a file, with diagnostics that say where and what to fix.
//!
//! Reading is one forward walk over the text (`reader.rs`) that checks the
//! syntax and builds the [`UsersFile`] at once (`build.rs`), noting where
//! each user, field and group name stood as byte offsets. Lines and columns
//! are found afterwards, in one more walk, and only for what is reported or
//! asked for ([`SourceMap::locate`]): nothing is ever counted from the start
//! of a line per key, so a 20,000-user file written on one line reads as
//! fast as the same file indented, and CR-only line ends cost nothing more.
//!
//! Why a reader of our own rather than serde_json followed by a scanner (as
//! before): measured on a 50,000-user directory (`cargo bench --bench
//! text`), the one walk reads the indented file in about half the time
//! serde_json takes to build a `Value` of it, where serde_json's check
//! followed by our scan took 2.4 times as long; it keeps values we do not
//! know as their text (number spellings and escapes included) instead of a
//! `Value` with a map per object; it finds duplicate keys at any depth,
//! which serde_json silently resolves; and it knows the brackets it is
//! inside of and where the last value ended, which is what a hint such as
//! "a `,` is probably missing after line 7" needs. Its tests run serde_json
//! as an oracle: it accepts exactly the texts serde_json accepts (less those
//! with duplicate keys), with the same values.
//!
//! Nothing here panics on input. Input larger than [`MAX_INPUT_BYTES`] is
//! refused before anything is allocated for it, and a file with more than
//! [`MAX_USERS`] users or [`MAX_VALUES`] values is refused as soon as the
//! reader gets there, so memory stays bounded whatever the file holds.
//!
//! ```
//! use proget_users_core::parse::parse;
//! let err = parse(b"{\n  \"users\": {}\n}").unwrap_err();
//! assert_eq!(err.to_string(), "2:12: $.users: expected an array of users, found an object");
//!
//! let err = parse(b"{\n  \"users\": [],\n  \"groups\": [\"a\"\n    \"b\"]\n}").unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "4:5: expected `,` or `]`, found a string; a `,` is probably missing after line 3, at 3:17"
//! );
//! ```

mod build;
mod error;
pub(crate) mod reader;
mod source;
mod style;

pub use error::{Diagnostic, ErrorKind, Expected, Found, Hint, Limit, ParseError, Syntax, Token};
pub use source::SourceMap;

use crate::model::{Original, UsersFile};
use crate::path::Lines;
use build::Builder;
use std::sync::Arc;

/// The largest file we read: 64 MiB, about a quarter of a million users.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// The most users a file is read with: four times the users 64 MiB of a
/// real directory holds. A file of nothing but `{}` users would otherwise
/// take gigabytes.
pub const MAX_USERS: usize = 1_000_000;

/// The most users, fields and group names a file is read with, in all:
/// each takes memory however few bytes it has in the text (a field of
/// `"k":0,` takes over a hundred). A real directory of 64 MiB holds fewer
/// than three million.
pub const MAX_VALUES: usize = 4_000_000;

/// How many shape diagnostics one read reports before it stops counting.
pub const MAX_DIAGNOSTICS: usize = 100;

/// A file read from text, with where its parts stood.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub file: UsersFile,
    pub source: SourceMap,
}

/// Reads a users-and-groups file from bytes.
///
/// Accepts a UTF-8 byte order mark, and any line ends; the layout is kept
/// for writing (see [`crate::model::TextStyle`]). Fails with every wrong
/// shape and duplicate key found, each with its path and position; a syntax
/// error is reported alone.
pub fn parse(input: &[u8]) -> Result<Parsed, ParseError> {
    let (bom, body) = check_bytes(input)?;
    let text = utf8(body)?;
    read(text.to_owned(), bom).map_err(|(error, _)| error)
}

/// Reads a users-and-groups file from bytes it takes, without copying them.
pub fn parse_owned(input: Vec<u8>) -> Result<Parsed, ParseError> {
    parse_or_give_back(input).map_err(|not_read| not_read.error)
}

/// Bytes that did not read as a users-and-groups file, given back with
/// why, by [`parse_or_give_back`].
#[derive(Clone, Debug, PartialEq)]
pub struct NotRead {
    pub error: ParseError,
    /// The bytes as they were given.
    pub bytes: Vec<u8>,
}

/// Reads a users-and-groups file from bytes it takes, without copying them
/// (the page's 14 MB files), and gives them back with the error when they
/// do not read, to be shown as they are. The bytes are checked as UTF-8
/// once.
pub fn parse_or_give_back(input: Vec<u8>) -> Result<Parsed, NotRead> {
    let bom = match check_bytes(&input) {
        Ok((bom, _)) => bom,
        Err(error) => {
            return Err(NotRead {
                error,
                bytes: input,
            })
        }
    };
    let mut input = input;
    if bom {
        input.drain(..3);
    }
    let give_back = |mut bytes: Vec<u8>| {
        if bom {
            bytes.splice(0..0, *b"\xEF\xBB\xBF");
        }
        bytes
    };
    match String::from_utf8(input) {
        Ok(text) => read(text, bom).map_err(|(error, text)| NotRead {
            error,
            bytes: give_back(text.into_bytes()),
        }),
        Err(e) => {
            let bytes = e.into_bytes();
            let error = match utf8(&bytes) {
                Err(error) => error,
                Ok(_) => ParseError::one(ErrorKind::NotUtf8, None),
            };
            Err(NotRead {
                error,
                bytes: give_back(bytes),
            })
        }
    }
}

/// Reads a users-and-groups file from text (a leading byte order mark is
/// accepted and kept).
pub fn parse_str(text: &str) -> Result<Parsed, ParseError> {
    let (bom, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    too_large(text.len())?;
    read(text.to_owned(), bom).map_err(|(error, _)| error)
}

fn too_large(len: usize) -> Result<(), ParseError> {
    if len > MAX_INPUT_BYTES {
        return Err(ParseError::one(ErrorKind::TooLarge { len }, None));
    }
    Ok(())
}

/// Refuses input that is too large or UTF-16; splits off a byte order mark.
fn check_bytes(input: &[u8]) -> Result<(bool, &[u8]), ParseError> {
    too_large(input.len())?;
    if input.starts_with(&[0xFF, 0xFE]) || input.starts_with(&[0xFE, 0xFF]) {
        return Err(ParseError::one(ErrorKind::Utf16, None));
    }
    Ok(match input.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, input),
    })
}

/// The text of `body`, or where it stops being UTF-8.
fn utf8(body: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(body).map_err(|e| {
        let valid = std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default();
        let at = Lines::new(valid).position(valid.len());
        ParseError::one(ErrorKind::NotUtf8, Some(at))
    })
}

/// A reader of `text` from byte `at`, to read parts of an original text again.
pub(crate) fn reader_at(text: &str, at: usize) -> reader::Reader<'_> {
    reader::Reader::at(text, at)
}

/// Reads `text` (without its byte order mark), keeping it for writing; a
/// text that does not read comes back with the error.
fn read(text: String, bom: bool) -> Result<Parsed, (ParseError, String)> {
    if text
        .bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return Err((ParseError::one(ErrorKind::Empty, None), text));
    }
    let id = Original::next_id();
    let mut builder = Builder::new(&text, id);
    let read = builder.root();
    let diagnostics = match read {
        // A syntax error or a limit is reported alone.
        Err(stop) => vec![*stop],
        Ok(_) if !builder.sink.diagnostics.is_empty() => builder.sink.diagnostics,
        Ok(mut file) => {
            let noticed = style::Noticed {
                bom,
                escaped_non_ascii: builder.reader.escaped_non_ascii,
                first_comma_spaced: builder.reader.first_comma_spaced,
            };
            let places = builder.places;
            let style = style::detect(&text, places.root, &places.members, noticed);
            let original = Arc::new(Original {
                id,
                text,
                style,
                root: places.root,
                members: places.members,
                users: places.users,
            });
            file.style = style;
            file.original = Some(Arc::clone(&original));
            let source = SourceMap::new(original, places.user_marks, places.marks, places.groups);
            return Ok(Parsed { file, source });
        }
    };
    let mut error = ParseError { diagnostics };
    Lines::resolve(&text, error.positions_mut());
    Err((error, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::JsonPath;

    #[test]
    fn bytes_that_do_not_read_come_back_as_given() {
        for input in [
            &b"\xEF\xBB\xBF{\"users\": [}"[..],
            b"{\"users\": [}",
            b"\xEF\xBB\xBF{\"a\": \"\xFF\"}",
            b"\xFF\xFE{}",
            b"  \n",
        ] {
            let not_read = parse_or_give_back(input.to_vec()).unwrap_err();
            assert_eq!(not_read.bytes, input);
            assert_eq!(not_read.error, parse(input).unwrap_err());
        }
        let text = "\u{feff}{\"users\": [{\"userName\": \"a\"}]}";
        let read = parse_or_give_back(text.as_bytes().to_vec()).unwrap();
        assert_eq!(read.file, parse(text.as_bytes()).unwrap().file);
    }

    fn first(input: &str) -> String {
        parse(input.as_bytes()).unwrap_err().first().to_string()
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        assert_eq!(
            first("{\n  \"users\": [\n    {\"userName\": \"a\",}\n  ]\n}"),
            "3:22: trailing comma"
        );
        assert_eq!(first("{\"users\": [}"), "1:12: expected a value, found `}`");
    }

    #[test]
    fn wrong_shapes_have_path_and_line() {
        let text = "{\n  \"users\": [\n    {\"userName\": 7, \"groups\": \"Dev\"}\n  ],\n  \"groups\": [1]\n}";
        let err = parse(text.as_bytes()).unwrap_err();
        let lines: Vec<String> = err.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            [
                "3:18: $.users[0].userName: expected a name (a string), found a number",
                "3:31: $.users[0].groups: expected an array of group names, found a string",
                "5:14: $.groups[0]: expected a name (a string), found a number",
            ]
        );
    }

    #[test]
    fn the_root_must_be_an_object() {
        assert_eq!(
            first("[1, 2]"),
            "1:1: $: expected an object with \"users\" and \"groups\", found an array"
        );
    }

    #[test]
    fn pathological_input_is_an_error_not_a_crash() {
        assert_eq!(first(""), "the file is empty");
        assert_eq!(first(" \r\n "), "the file is empty");
        let deep = "[".repeat(100_000);
        assert!(first(&deep).ends_with("the JSON is nested too deeply"));
        let deep_obj = "{\"a\":".repeat(100_000);
        assert!(first(&deep_obj).ends_with("the JSON is nested too deeply"));
        let binary = [0x7Bu8, 0xFF, 0x00, 0x12];
        assert_eq!(
            parse(&binary).unwrap_err().first().to_string(),
            "1:2: the file is not UTF-8 text"
        );
        assert_eq!(
            parse(&[0xFF, 0xFE, b'{', 0]).unwrap_err().first().kind,
            ErrorKind::Utf16
        );
        let huge = vec![b' '; MAX_INPUT_BYTES + 1];
        assert!(matches!(
            parse(&huge).unwrap_err().first().kind,
            ErrorKind::TooLarge { .. }
        ));
    }

    #[test]
    fn owned_bytes_read_like_borrowed_ones() {
        let text = "\u{feff}{\"users\": [{\"userName\": \"a\"}]}\n";
        let owned = parse_owned(text.as_bytes().to_vec()).unwrap();
        let borrowed = parse(text.as_bytes()).unwrap();
        assert_eq!(owned.file, borrowed.file);
        assert!(owned.file.style.bom);
        assert_eq!(crate::write::to_json(&owned.file), text);
        assert_eq!(
            parse_owned(b"{\"a\": \xFF}".to_vec())
                .unwrap_err()
                .first()
                .kind,
            ErrorKind::NotUtf8
        );
    }

    #[test]
    fn duplicate_keys_are_reported() {
        assert_eq!(
            first("{\"users\": [{\"userName\": \"a\", \"userName\": \"b\"}]}"),
            "1:30: $.users[0]: the key \"userName\" appears twice (first at 1:13); JSON readers keep only one of them"
        );
    }

    #[test]
    fn source_map_locates_users_and_fields() {
        let text = "{\n  \"users\": [\n    {\n      \"userName\": \"a\",\n      \"groups\": [\"x\", \"y\"]\n    }\n  ],\n  \"groups\": [\"x\"]\n}";
        let parsed = parse(text.as_bytes()).unwrap();
        let at = |p: JsonPath| parsed.source.locate(&p).unwrap().to_string();
        assert_eq!(at(JsonPath::user(0)), "3:5");
        assert_eq!(at(JsonPath::user_field(0, "userName")), "4:19");
        assert_eq!(at(JsonPath::user_field(0, "groups").index(1)), "5:23");
        assert_eq!(at(JsonPath::user_field(0, "emailAddress")), "3:5");
        assert_eq!(at(JsonPath::group(0)), "8:14");
        assert_eq!(at(JsonPath::root()), "1:1");
    }

    #[test]
    fn escapes_are_decoded() {
        let parsed = parse(br#"{"users":[{"userName":"a\"b\u00e9"}]}"#).unwrap();
        assert_eq!(parsed.file.users[0].user_name, "a\"b\u{e9}");
    }
}
