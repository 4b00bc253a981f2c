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

use crate::progress::Progress;
use proget_users_core::csv::{self, CsvUsers};
use proget_users_core::strength::{self, assess, WeakPassword, Weakness};
use proget_users_core::UsersFile;
use rayon::prelude::*;

/// Every weak plaintext `password` in the file, in file order: what
/// [`strength::weak_passwords`] finds, one user at a time
/// ([`strength::weak_password`]) spread over every core.
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
            let weak = strength::weak_password(i, &file.users[i]);
            progress.inc();
            weak
        })
        .collect();
    progress.finish();
    weak
}

/// The weak passwords of a CSV's rows, as `(line, weakness)` in CSV order,
/// each scored against its owner as [`csv::password_owners`] finds it
/// (as the page scores them).
pub fn in_csv(file: &UsersFile, csv: &CsvUsers) -> Vec<(usize, Weakness)> {
    let owners = csv::password_owners(file, csv);
    let progress = Progress::start("scoring passwords", owners.len() as u64);
    let weak = owners
        .into_par_iter()
        .filter_map(|(row, owner)| {
            let weakness = assess(row.password.as_deref()?, &owner);
            progress.inc();
            Some((row.line, weakness?))
        })
        .collect();
    progress.finish();
    weak
}
