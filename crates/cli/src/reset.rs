//! `proget-users reset FILE (--user NAME... | --group NAME | --all) -o OUT
//! [--credentials SHEET.csv] [--slips SLIPS.html]`: new random passwords,
//! hashed into OUT, the plaintext only in the credentials sheet and the
//! printable slips.

use crate::args::ResetArgs;
use crate::failure::Failure;
use crate::names::{self, Selection};
use crate::output::{Access, Files, Outputs};
use crate::sheets::{self, Sheets};
use crate::{hashing, input, message, paths, report};
use proget_users_core::generate::{self, Credential, PasswordPolicy, PasswordsReset};
use proget_users_core::validate::validate;
use proget_users_core::{write, UsersFile};
use std::process::ExitCode;
use zeroize::Zeroize;

/// Generates the passwords, writes the sheet, the slips and OUT (all
/// staged first, so a failure writes none), and reminds on standard error
/// to keep the sheet and the slips safe. The passwords are never printed.
pub fn run(args: &ResetArgs) -> Result<ExitCode, Failure> {
    if paths::is_stdio(&args.output) {
        return Err(Failure::Message(
            "reset writes -o to a file, never to standard output (-)".to_owned(),
        ));
    }
    let sheets = Sheets::new(args.credentials.as_deref(), &args.slips);
    sheets.refuse_stdio("reset")?;
    sheets
        .checked_with(
            Files::new()
                .edited("FILE", &args.file)
                .result("-o", Some(&args.output)),
        )
        .check()?;
    let policy = args.policy.policy();
    policy
        .validate()
        .map_err(|e| Failure::Message(e.to_string()))?;

    let (name, parsed) = input::parse(&args.file)?;
    let mut file = parsed.file;
    let selection = Selection {
        users: &args.users,
        group: args.group.as_deref(),
        all: args.all,
    };
    let chosen = names::chosen(&file, &name, &selection)?;
    let (indices, mut credentials): (Vec<usize>, Vec<Credential>) =
        new_credentials(&file, &chosen, &policy)?
            .into_iter()
            .unzip();
    let jobs = indices
        .iter()
        .zip(&credentials)
        .map(|(&i, c)| (i, c.password.clone()))
        .collect();
    let hashed = hashing::hash_all(jobs);
    let rendered = sheets.render(&credentials);
    for credential in &mut credentials {
        credential.password.zeroize();
    }
    let hashes = hashed.map_err(|e| Failure::Message(format!("cannot hash passwords: {e}")))?;
    for (i, hash) in hashes {
        file.users[i].set_password_hash(hash.password_bytes, hash.salt_bytes);
    }
    let done = PasswordsReset { users: chosen };

    // The sheet and the slips go in place first: if OUT then failed, they
    // are removed, the old file still holds the old passwords, and nobody
    // is locked out.
    let mut outputs = Outputs::new();
    rendered.stage(&mut outputs)?;
    outputs.file(&args.output, &write::to_bytes(&file), Access::Keep)?;
    outputs.commit()?;

    message::line(done.to_string());
    let mut written = vec![format!(
        "the hashes to {}",
        paths::display_name(&args.output)
    )];
    written.extend(sheets.written());
    message::line(format!(
        "wrote {} (readable by you only)",
        sheets::listed(&written)
    ));
    sheets.notes("the passwords", true);
    report::note_errors(&name, &validate(&file));
    Ok(ExitCode::SUCCESS)
}

/// A new password for each user named (exact names, each once), with the
/// user's index: as `generate::new_credentials` does, but with one index of
/// the names rather than a search of the file for each (which took
/// quadratic time on a large directory).
fn new_credentials(
    file: &UsersFile,
    chosen: &[String],
    policy: &PasswordPolicy,
) -> Result<Vec<(usize, Credential)>, Failure> {
    let index = names::UserNames::new(file);
    let mut out = Vec::with_capacity(chosen.len());
    for name in chosen {
        let Some(i) = index.find(name) else { continue };
        let user = &file.users[i];
        let password = generate::generate(policy)
            .map_err(|e| Failure::Message(format!("cannot make passwords: {e}")))?;
        out.push((
            i,
            Credential {
                user_name: user.user_name.clone(),
                display_name: user.display_name.clone(),
                email: user.email_address.clone(),
                password,
            },
        ));
    }
    Ok(out)
}
