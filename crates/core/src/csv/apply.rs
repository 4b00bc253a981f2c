//! Importing a CSV's users into a file: the rows' actions (from
//! [`preview`](fn@super::preview)) carried out, with every password hashed
//! here ([`apply`]) or elsewhere and handed in ([`password_jobs`],
//! [`apply_with_hashes`]); nothing changes unless all of it can.

use super::preview::{plan_rows, RowAction};
use super::{CsvUsers, RowError};
use crate::model::{User, UsersFile};
use crate::names::UserIndex;
use crate::password::{self, PasswordError, PasswordHash};
use crate::report;
use crate::text::plural;
use foldhash::HashMap;
use std::fmt;
use zeroize::Zeroize;

/// What to do with bad rows when applying.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BadRows {
    /// Import nothing while there are bad rows.
    #[default]
    Refuse,
    /// Import the good rows, skipping the bad.
    Skip,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvImported {
    pub users_added: Vec<String>,
    pub users_updated: Vec<String>,
    pub groups_added: Vec<String>,
    /// How many passwords were hashed and set.
    pub passwords_set: usize,
    /// Bad rows left out (with [`BadRows::Skip`]).
    pub rows_skipped: Vec<RowError>,
}

impl fmt::Display for CsvImported {
    /// `imported CSV: added 2 users, updated 1 user, hashed 3 passwords`;
    /// parts that are zero are left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = |n: usize, verb: &str, one: &str, many: &str| {
            (n > 0).then(|| format!("{verb} {}", plural(n, one, many)))
        };
        let parts = report::summary([
            count(self.users_added.len(), "added", "user", "users"),
            count(self.users_updated.len(), "updated", "user", "users"),
            count(self.groups_added.len(), "declared", "group", "groups"),
            count(self.passwords_set, "hashed", "password", "passwords"),
            count(self.rows_skipped.len(), "skipped", "bad row", "bad rows"),
        ]);
        match parts {
            None => f.write_str("imported CSV: nothing changed"),
            Some(parts) => write!(f, "imported CSV: {parts}"),
        }
    }
}

/// Why an import was refused; the file is then unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvApplyError {
    /// There are bad rows and [`BadRows::Refuse`] was asked.
    BadRows(Vec<RowError>),
    /// No hash was given for the password of the row on `line`.
    MissingHash {
        line: usize,
    },
    Password(PasswordError),
}

impl fmt::Display for CsvApplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvApplyError::BadRows(rows) => {
                write!(
                    f,
                    "{} (fix or skip them)",
                    plural(rows.len(), "bad row", "bad rows")
                )?;
                for row in rows.iter().take(5) {
                    write!(f, "; {row}")?;
                }
                if rows.len() > 5 {
                    f.write_str("; ...")?;
                }
                Ok(())
            }
            CsvApplyError::MissingHash { line } => {
                write!(f, "line {line}: the password was not hashed")
            }
            CsvApplyError::Password(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for CsvApplyError {}

impl From<PasswordError> for CsvApplyError {
    fn from(e: PasswordError) -> Self {
        CsvApplyError::Password(e)
    }
}

/// A password to hash: the index of its row in [`CsvUsers::rows`] and the
/// plaintext (a secret, never printed by `Debug`, and wiped when the job is
/// dropped: take it with `std::mem::take` to hand it on).
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordJob {
    pub row: usize,
    pub password: String,
}

impl fmt::Debug for PasswordJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordJob")
            .field("row", &self.row)
            .field("password", &"<redacted>")
            .finish()
    }
}

impl Drop for PasswordJob {
    fn drop(&mut self) {
        self.password.zeroize();
    }
}

/// The passwords an import would hash, for hashing elsewhere; hand the
/// results to [`apply_with_hashes`] as `(job.row, hash)`.
pub fn password_jobs(csv: &CsvUsers) -> Vec<PasswordJob> {
    csv.rows
        .iter()
        .enumerate()
        .filter_map(|(row, r)| {
            r.password
                .clone()
                .map(|password| PasswordJob { row, password })
        })
        .collect()
}

/// Imports the CSV's users into `file`, hashing every password (which takes
/// a while for many: see [`password_jobs`] to hash elsewhere). With bad
/// rows and [`BadRows::Refuse`] nothing changes.
pub fn apply(
    file: &mut UsersFile,
    csv: &CsvUsers,
    bad_rows: BadRows,
) -> Result<CsvImported, CsvApplyError> {
    check_bad_rows(csv, bad_rows)?;
    // Hashed from the rows themselves: no copy of a password is made.
    let mut hashes = Vec::new();
    for (row, r) in csv.rows.iter().enumerate() {
        if let Some(plaintext) = &r.password {
            hashes.push((row, password::hash(plaintext)?));
        }
    }
    apply_with_hashes(file, csv, bad_rows, hashes)
}

fn check_bad_rows(csv: &CsvUsers, bad_rows: BadRows) -> Result<(), CsvApplyError> {
    if bad_rows == BadRows::Refuse && !csv.bad_rows.is_empty() {
        return Err(CsvApplyError::BadRows(csv.bad_rows.clone()));
    }
    Ok(())
}

/// [`apply`] with the passwords hashed already: `hashes` pairs each
/// [`PasswordJob::row`] with the hash of its password. Every job needs its
/// hash, or nothing changes.
pub fn apply_with_hashes(
    file: &mut UsersFile,
    csv: &CsvUsers,
    bad_rows: BadRows,
    hashes: impl IntoIterator<Item = (usize, PasswordHash)>,
) -> Result<CsvImported, CsvApplyError> {
    check_bad_rows(csv, bad_rows)?;
    let mut hashes: HashMap<usize, PasswordHash> = hashes.into_iter().collect();
    let unhashed = csv
        .rows
        .iter()
        .enumerate()
        .find(|(row, r)| r.password.is_some() && !hashes.contains_key(row));
    if let Some((_, r)) = unhashed {
        return Err(CsvApplyError::MissingHash { line: r.line });
    }
    let (actions, groups_added) = plan_rows(file, csv);
    // Rows that update a user, by the user's index: the file does not
    // change until every action is known, so the indices hold.
    let index = UserIndex::of(file);
    let targets: Vec<Option<usize>> = actions
        .iter()
        .map(|a| match a {
            RowAction::Update(update, _) => index.exact(&update.user_name),
            _ => None,
        })
        .collect();
    drop(index);
    let mut done = CsvImported {
        rows_skipped: csv.bad_rows.clone(),
        ..CsvImported::default()
    };
    for ((row, action), target) in actions.into_iter().enumerate().zip(targets) {
        let hash = if csv.rows[row].password.is_some() {
            hashes.remove(&row)
        } else {
            None
        };
        let set_password = |user: &mut User| match hash {
            Some(h) => {
                user.set_password_hash(h.password_bytes, h.salt_bytes);
                1
            }
            None => 0,
        };
        match action {
            RowAction::Add(mut user) => {
                done.passwords_set += set_password(&mut user);
                done.users_added.push(user.user_name.clone());
                file.users.push(user);
            }
            RowAction::Update(_, mut user) => {
                done.passwords_set += set_password(&mut user);
                done.users_updated.push(user.user_name.clone());
                if let Some(slot) = target.and_then(|i| file.users.get_mut(i)) {
                    *slot = user;
                }
            }
            RowAction::Unchanged(_) => {}
        }
    }
    file.groups.extend(groups_added.iter().cloned());
    done.groups_added = groups_added;
    Ok(done)
}
