//! Passwords read from standard input, kept in memory that is wiped when
//! they are dropped.

use crate::failure::Failure;
use crate::message;
use crate::paths::STDIO;
use proget_users_core::text::quoted;
use std::io::{self, BufRead, IsTerminal, Read};
use std::path::Path;
use zeroize::{Zeroize, Zeroizing};

/// The longest password line read; ProGet's passwords are far shorter.
pub const MAX_PASSWORD_BYTES: usize = 64 * 1024;

/// One line from standard input, without its `\n` or `\r\n`: the password
/// of `user` (named in the prompt shown when standard input is a terminal).
pub fn read_password(user: &str) -> Result<Zeroizing<String>, Failure> {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        // Without a terminal library we cannot turn echo off; say so.
        message::prompt(format!(
            "password for {} (shown as typed; pipe it to hide it): ",
            quoted(user)
        ));
    }
    // Room for the longest line up front, so that no copy of the password
    // is left behind in memory given back by a growing buffer.
    let mut line = Zeroizing::new(Vec::with_capacity(MAX_PASSWORD_BYTES + 1));
    stdin
        .lock()
        .take(MAX_PASSWORD_BYTES as u64 + 1)
        .read_until(b'\n', &mut line)
        .map_err(|e| Failure::read(Path::new(STDIO), e))?;
    if line.is_empty() {
        return Err(Failure::Message(
            "no password on standard input (expected one line)".to_owned(),
        ));
    }
    if line.len() > MAX_PASSWORD_BYTES {
        return Err(Failure::Message(format!(
            "the password line is longer than {} KiB",
            MAX_PASSWORD_BYTES / 1024
        )));
    }
    if line.ends_with(b"\n") {
        line.pop();
        if line.ends_with(b"\r") {
            line.pop();
        }
    }
    match String::from_utf8(std::mem::take(&mut *line)) {
        Ok(text) => Ok(Zeroizing::new(text)),
        Err(e) => {
            e.into_bytes().zeroize();
            Err(Failure::Message(
                "the password is not UTF-8 text".to_owned(),
            ))
        }
    }
}
