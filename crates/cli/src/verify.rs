//! `proget-users verify FILE USER`: does the password on standard input
//! match the user's hash?

use crate::args::VerifyArgs;
use crate::failure::{Failure, TROUBLE};
use crate::input;
use proget_users_core::password::{self, PasswordError};
use proget_users_core::path::JsonPath;
use proget_users_core::UsersFile;
use std::io::{self, BufRead, IsTerminal, Read};
use std::process::ExitCode;

/// The longest password line read; ProGet's passwords are far shorter.
const MAX_PASSWORD_BYTES: u64 = 64 * 1024;

/// Exit 0 when the password matches, 1 when not, 2 when there is nothing to
/// check it against. Says which on standard error, without the password.
pub fn run(args: &VerifyArgs) -> Result<ExitCode, Failure> {
    if input::is_stdio(&args.file) {
        return Err(Failure::Message(
            "verify reads the password from standard input, so FILE cannot be -".to_owned(),
        ));
    }
    let (name, parsed) = input::parse(&args.file).map_err(|f| f.rejected_code(TROUBLE))?;
    let Some(index) = find_user(&parsed.file, &args.user) else {
        return Err(Failure::Message(format!(
            "{name} has no user named {:?}",
            args.user
        )));
    };
    let user = &parsed.file.users[index];
    let password = read_password(&user.user_name)?;
    let matches = password::check(&password, user);
    drop(password);
    match matches {
        Ok(true) => {
            eprintln!("the password of {:?} matches", user.user_name);
            Ok(ExitCode::SUCCESS)
        }
        Ok(false) => {
            eprintln!("the password of {:?} does not match", user.user_name);
            Ok(ExitCode::from(1))
        }
        Err(e) => {
            let path = match e {
                PasswordError::Base64 { field } => JsonPath::user_field(index, field),
                _ => JsonPath::user(index),
            };
            let at = parsed
                .source
                .locate(&path)
                .map_or_else(String::new, |at| format!("{at}:"));
            Err(Failure::Rejected {
                lines: vec![format!("{name}:{at} error: {:?}: {e}", user.user_name)],
                code: TROUBLE,
            })
        }
    }
}

/// The user named exactly `name`, or else the one whose name differs only
/// in letter case (ProGet's user names are not case-sensitive).
pub fn find_user(file: &UsersFile, name: &str) -> Option<usize> {
    file.user_index(name).or_else(|| {
        let folded = name.to_lowercase();
        file.users
            .iter()
            .position(|u| u.user_name.to_lowercase() == folded)
    })
}

/// One line from standard input, without its `\n` or `\r\n`.
fn read_password(user: &str) -> Result<String, Failure> {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        // Without a terminal library we cannot turn echo off; say so.
        eprint!("password for {user:?} (shown as typed; pipe it to hide it): ");
    }
    let mut line = Vec::new();
    stdin
        .lock()
        .take(MAX_PASSWORD_BYTES + 1)
        .read_until(b'\n', &mut line)
        .map_err(|e| Failure::read(input::STDIO.as_ref(), e))?;
    if line.is_empty() {
        return Err(Failure::Message(
            "no password on standard input (expected one line)".to_owned(),
        ));
    }
    if line.len() as u64 > MAX_PASSWORD_BYTES {
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
    String::from_utf8(line)
        .map_err(|_| Failure::Message("the password is not UTF-8 text".to_owned()))
}
