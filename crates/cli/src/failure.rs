//! What ends a command early: a file that cannot be read or written, input
//! that is refused, or arguments that make no sense together. Each failure
//! prints its own message on standard error and has an exit code.

use std::io;
use std::path::Path;
use std::process::ExitCode;

/// The exit code for usage errors, I/O failures and other trouble that is
/// not an answer about the file.
pub const TROUBLE: u8 = 2;

/// Why a command stopped.
#[derive(Debug)]
pub enum Failure {
    /// Reading or writing `name` failed (exit 2).
    Io {
        action: &'static str,
        name: String,
        source: io::Error,
    },
    /// The input was refused: one `FILE:LINE:COL: error: message` line per
    /// problem, and the exit code to end with.
    Rejected { lines: Vec<String>, code: u8 },
    /// Anything else, such as arguments that do not go together (exit 2).
    Message(String),
}

impl Failure {
    /// A failed read of `path`.
    pub fn read(path: &Path, source: io::Error) -> Self {
        Failure::Io {
            action: "read",
            name: crate::input::display_name(path),
            source,
        }
    }

    /// A failed write of `name`.
    pub fn write(name: impl Into<String>, source: io::Error) -> Self {
        Failure::Io {
            action: "write",
            name: name.into(),
            source,
        }
    }

    /// The same failure, ending with `code` if it is a refused input (for
    /// `verify`, whose exit code 1 means "wrong password").
    pub fn rejected_code(self, code: u8) -> Self {
        match self {
            Failure::Rejected { lines, .. } => Failure::Rejected { lines, code },
            other => other,
        }
    }

    /// Prints the failure on standard error and gives the exit code.
    pub fn report(self) -> ExitCode {
        match self {
            Failure::Io {
                action,
                name,
                source,
            } => {
                eprintln!("error: cannot {action} {name}: {source}");
                ExitCode::from(TROUBLE)
            }
            Failure::Rejected { lines, code } => {
                for line in lines {
                    eprintln!("{line}");
                }
                ExitCode::from(code)
            }
            Failure::Message(message) => {
                eprintln!("error: {message}");
                ExitCode::from(TROUBLE)
            }
        }
    }
}
