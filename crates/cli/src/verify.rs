//! `proget-users verify FILE USER`: does the password on standard input
//! match the user's hash?

use crate::args::VerifyArgs;
use crate::failure::{Failure, TROUBLE};
use crate::names::find_user;
use crate::output::Files;
use crate::secret::read_password;
use crate::{input, message, paths};
use proget_users_core::password::{self, PasswordError};
use proget_users_core::path::JsonPath;
use proget_users_core::text::quoted;
use std::process::ExitCode;

/// Exit 0 when the password matches, 1 when not, 2 when there is nothing to
/// check it against. Says which on standard error, without the password.
pub fn run(args: &VerifyArgs) -> Result<ExitCode, Failure> {
    if paths::is_stdio(&args.file) {
        return Err(Failure::Message(
            "verify reads the password from standard input, so FILE cannot be -".to_owned(),
        ));
    }
    Files::new().input("FILE", &args.file).check()?;
    let (name, parsed) = input::parse(&args.file).map_err(|f| f.rejected_code(TROUBLE))?;
    let Some(index) = find_user(&parsed.file, &args.user) else {
        return Err(Failure::Message(format!(
            "{name} has no user named {}",
            quoted(&args.user)
        )));
    };
    let user = &parsed.file.users[index];
    let password = read_password(&user.user_name)?;
    let matches = password::check(&password, user);
    drop(password);
    match matches {
        Ok(true) => {
            message::line(format!(
                "the password of {} matches",
                quoted(&user.user_name)
            ));
            Ok(ExitCode::SUCCESS)
        }
        Ok(false) => {
            message::line(format!(
                "the password of {} does not match",
                quoted(&user.user_name)
            ));
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
                lines: vec![format!(
                    "{name}:{at} error: {}: {e}",
                    quoted(&user.user_name)
                )],
                code: TROUBLE,
            })
        }
    }
}
