//! `proget-users reset FILE (--user NAME... | --group NAME | --all) -o OUT
//! --credentials SHEET.csv`: new random passwords, hashed into OUT, the
//! plaintext only in the credentials sheet.

use crate::args::ResetArgs;
use crate::failure::Failure;
use crate::output::{self, Access};
use crate::verify::find_user;
use crate::{hashing, input, report};
use proget_users_core::generate::{self, PasswordPolicy};
use proget_users_core::validate::validate;
use proget_users_core::{write, UsersFile};
use std::fs;
use std::process::ExitCode;

/// Generates the passwords, writes the sheet and OUT (both staged first, so
/// a failure writes neither), and reminds on standard error to keep the
/// sheet safe. The passwords are never printed.
pub fn run(args: &ResetArgs) -> Result<ExitCode, Failure> {
    for (path, what) in [(&args.output, "-o"), (&args.credentials, "--credentials")] {
        if input::is_stdio(path) {
            return Err(Failure::Message(format!(
                "reset writes {what} to a file, never to standard output (-)"
            )));
        }
    }
    if same_file(&args.output, &args.credentials) || same_file(&args.file, &args.credentials) {
        return Err(Failure::Message(
            "the credentials sheet must be a file of its own, not FILE or OUT".to_owned(),
        ));
    }
    let policy = PasswordPolicy {
        length: args.length,
        lowercase: !args.no_lowercase,
        uppercase: !args.no_uppercase,
        digits: !args.no_digits,
        symbols: !args.no_symbols,
        exclude_ambiguous: args.no_ambiguous,
    };
    policy
        .validate()
        .map_err(|e| Failure::Message(e.to_string()))?;

    let (name, parsed) = input::parse(&args.file)?;
    let mut file = parsed.file;
    let names = chosen_users(&file, &name, args)?;
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let credentials = generate::new_credentials(&file, &names, &policy)
        .map_err(|e| Failure::Message(format!("cannot make passwords: {e}")))?;
    let jobs = credentials
        .iter()
        .map(|c| (c.user_name.clone(), c.password.clone()))
        .collect();
    let hashes = hashing::hash_all(jobs)
        .map_err(|e| Failure::Message(format!("cannot hash passwords: {e}")))?;
    let done = generate::apply_reset(&mut file, hashes)
        .map_err(|e| Failure::Message(format!("cannot set passwords: {e}")))?;
    let sheet = generate::credentials_csv(&credentials);
    drop(credentials);

    // The sheet goes in place first: if OUT then failed, the old file
    // would still hold the old passwords and nobody would be locked out.
    let staged_sheet = output::stage(&args.credentials, sheet.as_bytes(), Access::OwnerOnly)?;
    drop(sheet);
    let staged_out = output::stage(&args.output, &write::to_bytes(&file), Access::Keep)?;
    staged_sheet.commit()?;
    if let Err(failure) = staged_out.commit() {
        let _ = fs::remove_file(&args.credentials);
        return Err(failure);
    }

    let sheet_name = args.credentials.display();
    eprintln!("{done}");
    eprintln!(
        "wrote the hashes to {} and the passwords to {sheet_name} (readable by you only)",
        args.output.display()
    );
    eprintln!(
        "note: {sheet_name} holds the passwords in plaintext: store it safely, \
         and delete it once they are handed out"
    );
    report::note_errors(&name, &validate(&file));
    Ok(ExitCode::SUCCESS)
}

/// The exact names of the users to reset, each once, in file order for
/// `--group` and `--all` and in argument order for `--user`. An unknown
/// user or group, or one without members, is a failure (exit 2).
fn chosen_users(file: &UsersFile, name: &str, args: &ResetArgs) -> Result<Vec<String>, Failure> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |user: &str| {
        if !out.iter().any(|u| u == user) {
            out.push(user.to_owned());
        }
    };
    if args.all {
        if file.users.is_empty() {
            return Err(Failure::Message(format!("{name} has no users")));
        }
        file.users.iter().for_each(|u| push(&u.user_name));
    } else if let Some(group) = &args.group {
        let folded = group.to_lowercase();
        let members: Vec<&str> = file
            .users
            .iter()
            .filter(|u| u.groups.iter().any(|g| g.to_lowercase() == folded))
            .map(|u| u.user_name.as_str())
            .collect();
        if members.is_empty() {
            let known = file.all_groups().iter().any(|g| g.to_lowercase() == folded);
            return Err(Failure::Message(if known {
                format!("the group {group:?} in {name} has no members")
            } else {
                format!("{name} has no group named {group:?}")
            }));
        }
        members.into_iter().for_each(&mut push);
    } else {
        let unknown: Vec<String> = args
            .users
            .iter()
            .filter(|u| find_user(file, u).is_none())
            .map(|u| format!("{u:?}"))
            .collect();
        if !unknown.is_empty() {
            return Err(Failure::Message(format!(
                "{name} has no user named {}",
                unknown.join(", ")
            )));
        }
        for user in &args.users {
            if let Some(i) = find_user(file, user) {
                push(&file.users[i].user_name);
            }
        }
    }
    Ok(out)
}

/// Whether two paths name the same file (the same path, or the same file
/// on disk when both exist).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    a == b
        || matches!(
            (fs::canonicalize(a), fs::canonicalize(b)),
            (Ok(a), Ok(b)) if a == b
        )
}
