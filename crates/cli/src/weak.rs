//! Weak-password warnings: plaintext passwords that are easy to guess, or
//! little more than their owner's name, as
//! [`proget_users_core::strength`] judges them (zxcvbn's score below 3, or
//! the user name, display name or email with little added).
//!
//! `check` scores every plaintext `password` in a file, `import-csv` every
//! password of a CSV, and `edit --password-stdin` the password it reads.
//! A warning says why the password is weak and where it is (a line and
//! column, a CSV line, an edit), never what it is: the words come from the
//! core's [`Weakness`], which holds no part of the password, and the owner
//! is not named (a password that is the user name would be shown by it).
//!
//! Scoring takes about half a millisecond a password after a first call of
//! about 50 ms, so a file of many plaintexts is scored on every core, with
//! a progress bar when that takes more than a second.

use crate::names::UserNames;
use crate::progress::Progress;
use proget_users_core::csv::CsvUsers;
use proget_users_core::strength::{assess, Owner, WeakPassword, Weakness};
use proget_users_core::{JsonPath, UsersFile};
use rayon::prelude::*;

/// Every weak plaintext `password` in the file, in file order: what
/// [`proget_users_core::strength::weak_passwords`] finds, spread over every
/// core.
pub fn in_file(file: &UsersFile) -> Vec<WeakPassword> {
    let plaintexts: Vec<usize> = file
        .users
        .iter()
        .enumerate()
        .filter(|(_, u)| u.password.is_some())
        .map(|(i, _)| i)
        .collect();
    let progress = Progress::start("scoring passwords", plaintexts.len() as u64);
    let weak = plaintexts
        .into_par_iter()
        .filter_map(|i| {
            let user = &file.users[i];
            let weakness = assess(user.password.as_deref()?, &Owner::from(user));
            progress.inc();
            Some(WeakPassword {
                user: i,
                path: JsonPath::user_field(i, "password"),
                weakness: weakness?,
            })
        })
        .collect();
    progress.finish();
    weak
}

/// The weak passwords of a CSV's rows, as `(line, weakness)` in CSV order.
/// A row's owner is the row's name, display name and email, and for a
/// user the file has, that user's display name and email where the row
/// leaves them as they are.
pub fn in_csv(file: &UsersFile, csv: &CsvUsers) -> Vec<(usize, Weakness)> {
    let users = UserNames::new(file);
    let progress = Progress::start(
        "scoring passwords",
        csv.rows.iter().filter(|r| r.password.is_some()).count() as u64,
    );
    let weak = csv
        .rows
        .par_iter()
        .filter_map(|row| {
            let password = row.password.as_deref()?;
            let known = users.find(&row.name).map(|i| &file.users[i]);
            let owner = Owner {
                user_name: &row.name,
                display_name: row
                    .display_name
                    .as_deref()
                    .or_else(|| known?.display_name.as_deref()),
                email_address: match &row.email {
                    Some(email) => email.as_deref(),
                    None => known.and_then(|u| u.email_address.as_deref()),
                },
            };
            let weakness = assess(password, &owner);
            progress.inc();
            Some((row.line, weakness?))
        })
        .collect();
    progress.finish();
    weak
}
