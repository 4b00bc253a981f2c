//! Reading a file or standard input, refusing anything larger than
//! [`MAX_INPUT_BYTES`] without reading it all into memory.

use crate::failure::Failure;
use crate::paths::{display_name, is_stdio};
use crate::report;
use proget_users_core::parse::{self, Diagnostic, ErrorKind, ParseError, Parsed, MAX_INPUT_BYTES};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Reads and parses `path` (`-` for standard input). A file that does not
/// parse is refused with one `FILE:LINE:COL: error:` line per diagnostic
/// and exit code 1.
pub fn parse(path: &Path) -> Result<(String, Parsed), Failure> {
    let name = display_name(path);
    let bytes = read(path)?;
    let parsed = parse::parse_owned(bytes).map_err(|e| Failure::Rejected {
        lines: report::parse_error(&name, &e),
        code: 1,
    })?;
    Ok((name, parsed))
}

/// The bytes of `path` (`-` for standard input), at most
/// [`MAX_INPUT_BYTES`] of them.
pub fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    let name = display_name(path);
    let limit = MAX_INPUT_BYTES as u64;
    let read = if is_stdio(path) {
        read_at_most(io::stdin().lock(), limit)
    } else {
        let file = File::open(path).map_err(|e| Failure::read(path, e))?;
        // A regular file's size is known: refuse it without reading a byte.
        if let Ok(meta) = file.metadata() {
            if meta.is_file() && meta.len() > limit {
                return Err(too_large(&name, Some(meta.len())));
            }
        }
        read_at_most(file, limit)
    };
    match read {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(too_large(&name, None)),
        Err(e) => Err(Failure::read(path, e)),
    }
}

/// Reads everything from `reader` if that is at most `limit` bytes; `None`
/// as soon as there is more (having read `limit + 1` bytes, not the rest).
fn read_at_most(reader: impl Read, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// The refusal of an input over the limit, with its size when known.
fn too_large(name: &str, len: Option<u64>) -> Failure {
    let lines = match len {
        Some(len) => report::parse_error(
            name,
            &ParseError {
                diagnostics: vec![Diagnostic {
                    kind: ErrorKind::TooLarge {
                        len: usize::try_from(len).unwrap_or(usize::MAX),
                    },
                    path: None,
                    at: None,
                }],
            },
        ),
        None => vec![report::error_at_start(
            name,
            &format!(
                "the input is over {} MiB; files over {} MiB are not read",
                MAX_INPUT_BYTES / (1024 * 1024),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        )],
    };
    Failure::Rejected { lines, code: 1 }
}
