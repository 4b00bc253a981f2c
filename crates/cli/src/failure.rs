//! What ends a command early: a file that cannot be read or written, input
//! that is refused, or arguments that make no sense together. Each failure
//! prints its own message on standard error and has an exit code.

use crate::{message, paths};
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
    /// Help asked for, or a usage error found, by clap after the command
    /// line was first read (in an edit of `edit`): printed as clap prints
    /// it, with clap's exit code.
    Clap(clap::Error),
}

impl Failure {
    /// A failed read of `path`.
    pub fn read(path: &Path, source: io::Error) -> Self {
        Failure::Io {
            action: "read",
            name: paths::display_name(path),
            source,
        }
    }

    /// A failed write of `path`.
    pub fn write(path: &Path, source: io::Error) -> Self {
        Failure::Io {
            action: "write",
            name: paths::display_name(path),
            source,
        }
    }

    /// A failed write of standard output.
    pub fn write_stdout(source: io::Error) -> Self {
        Failure::Io {
            action: "write",
            name: "<stdout>".to_owned(),
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
                message::error(format!("cannot {action} {name}: {source}"));
                ExitCode::from(TROUBLE)
            }
            Failure::Rejected { lines, code } => {
                for line in lines {
                    message::line(line);
                }
                ExitCode::from(code)
            }
            Failure::Message(text) => {
                message::error(text);
                ExitCode::from(TROUBLE)
            }
            Failure::Clap(error) => {
                let _ = error.print();
                ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(TROUBLE))
            }
        }
    }
}
