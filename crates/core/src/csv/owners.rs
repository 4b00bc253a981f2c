//! Whose password each row's is, for the weak-password check: the details
//! a weak password is made of ([`Owner`]), from the row, and from the
//! file's user where the row leaves a field as it is. The command line and
//! the page score a CSV's passwords against these same owners.

use super::{CsvRow, CsvUsers};
use crate::model::UsersFile;
use crate::names::UserIndex;
use crate::owner::Owner;

/// Every row with a password, and whose password it is, in CSV order. A
/// row's owner is its name, display name and email; for a user the file
/// has (matched by ProGet's rule, [`UserIndex::find`], so `JDoe` is
/// `jdoe`), the user's display name and email stand where the row leaves
/// them as they are. A row that removes the email leaves the owner
/// without one. Linear: the file's users are indexed once.
///
/// ```
/// use proget_users_core::{csv, model::{User, UsersFile}};
/// let mut file = UsersFile::new();
/// let mut user = User::new("jdoe");
/// user.set_display_name(Some("John Doe".into()));
/// file.users.push(user);
/// let users = csv::parse_csv("Name,Password\nJDoe,john1\nann,\n").unwrap();
/// let owners = csv::password_owners(&file, &users);
/// assert_eq!(owners.len(), 1);
/// assert_eq!(owners[0].0.line, 2);
/// assert_eq!(owners[0].1.user_name, "JDoe");
/// assert_eq!(owners[0].1.display_name, Some("John Doe"));
/// ```
pub fn password_owners<'a>(file: &'a UsersFile, csv: &'a CsvUsers) -> Vec<(&'a CsvRow, Owner<'a>)> {
    let users = UserIndex::of(file);
    csv.rows
        .iter()
        .filter(|row| row.password.is_some())
        .map(|row| {
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
            (row, owner)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv::parse_csv;
    use crate::model::User;

    #[test]
    fn a_row_s_owner_takes_what_the_row_leaves_from_the_file() {
        let mut file = UsersFile::new();
        let mut user = User::new("jdoe");
        user.set_display_name(Some("John Doe".into()));
        user.set_email_address(Some("jd@example.com".into()));
        file.users.push(user);
        let csv = parse_csv(
            "Name,DisplayName,Password\n\
             JDOE,,pw1\n\
             jdoe2,,\n\
             ann,Ann Smith,pw2\n",
        )
        .unwrap();
        let owners: Vec<(usize, Owner<'_>)> = password_owners(&file, &csv)
            .into_iter()
            .map(|(row, owner)| (row.line, owner))
            .collect();
        assert_eq!(
            owners,
            [
                (
                    2,
                    Owner {
                        user_name: "JDOE",
                        display_name: Some("John Doe"),
                        email_address: Some("jd@example.com"),
                    }
                ),
                (
                    4,
                    Owner {
                        user_name: "ann",
                        display_name: Some("Ann Smith"),
                        email_address: None,
                    }
                ),
            ]
        );
        // An empty Email cell removes the address: the owner has none.
        let csv = parse_csv("Name,Email,Password\njdoe,,pw\n").unwrap();
        let owners = password_owners(&file, &csv);
        assert_eq!(owners[0].1.email_address, None);
        assert_eq!(owners[0].1.display_name, Some("John Doe"));
    }
}
