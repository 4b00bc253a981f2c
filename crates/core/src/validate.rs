//! Checking a file: the errors that would make ProGet's import fail or do the
//! wrong thing, and the warnings an administrator should see first.
//!
//! ```
//! use proget_users_core::{parse::parse, validate::{validate, Severity}};
//! let file = parse(br#"{"users":[{"userName":"a"},{"userName":"a"}]}"#).unwrap().file;
//! let findings = validate(&file);
//! assert!(findings.iter().any(|f| f.severity() == Severity::Error));
//! assert_eq!(findings[0].to_string(), "$.users[1].userName: error: the user name \"a\" is used twice (first by users[0])");
//! ```

use crate::model::User;
use crate::model::UsersFile;
use crate::password::{self, KEY_LEN, SALT_LEN};
use crate::path::JsonPath;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// ProGet's import would fail or do the wrong thing.
    Error,
    /// Legal, but probably not what was meant.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    MissingUserName,
    EmptyUserName,
    DuplicateUserName {
        name: String,
        first: usize,
    },
    DuplicateGroup {
        name: String,
        first: usize,
    },
    PasswordBytesWithoutSalt,
    SaltWithoutPasswordBytes,
    InvalidBase64 {
        field: &'static str,
    },
    PasswordBytesLength {
        len: usize,
    },
    UserNamesDifferInCase {
        name: String,
        other: String,
        first: usize,
    },
    UndeclaredGroup {
        group: String,
    },
    PasswordAndHash,
    NoPassword,
    SaltLength {
        len: usize,
    },
    InvalidEmail {
        email: String,
    },
    PlaintextPasswords {
        count: usize,
    },
}

impl Problem {
    /// Errors stop an import from doing what was meant; the rest are warnings.
    pub fn severity(&self) -> Severity {
        match self {
            Problem::MissingUserName
            | Problem::EmptyUserName
            | Problem::DuplicateUserName { .. }
            | Problem::DuplicateGroup { .. }
            | Problem::PasswordBytesWithoutSalt
            | Problem::SaltWithoutPasswordBytes
            | Problem::InvalidBase64 { .. }
            | Problem::PasswordBytesLength { .. } => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::MissingUserName => f.write_str("the user has no userName"),
            Problem::EmptyUserName => f.write_str("the userName is empty"),
            Problem::DuplicateUserName { name, first } => {
                write!(
                    f,
                    "the user name {name:?} is used twice (first by users[{first}])"
                )
            }
            Problem::DuplicateGroup { name, first } => {
                write!(
                    f,
                    "the group {name:?} is declared twice (first at groups[{first}])"
                )
            }
            Problem::PasswordBytesWithoutSalt => {
                f.write_str("passwordBytes without saltBytes: ProGet cannot check this password")
            }
            Problem::SaltWithoutPasswordBytes => {
                f.write_str("saltBytes without passwordBytes: ProGet cannot check this password")
            }
            Problem::InvalidBase64 { field } => write!(f, "{field} is not valid base64"),
            Problem::PasswordBytesLength { len } => {
                write!(
                    f,
                    "passwordBytes is {len} bytes; ProGet's hashes are {KEY_LEN}"
                )
            }
            Problem::UserNamesDifferInCase { name, other, first } => write!(
                f,
                "the user names {name:?} and {other:?} (users[{first}]) differ only in letter case"
            ),
            Problem::UndeclaredGroup { group } => {
                write!(f, "the group {group:?} is not in the file's groups")
            }
            Problem::PasswordAndHash => f.write_str(
                "both a plaintext password and passwordBytes: ProGet will use the plaintext",
            ),
            Problem::NoPassword => f.write_str("the user has no password"),
            Problem::SaltLength { len } => {
                write!(f, "saltBytes is {len} bytes; ProGet makes {SALT_LEN}")
            }
            Problem::InvalidEmail { email } => {
                write!(f, "{email:?} cannot be an email address")
            }
            Problem::PlaintextPasswords { count: 1 } => {
                f.write_str("1 user has a plaintext password")
            }
            Problem::PlaintextPasswords { count } => {
                write!(f, "{count} users have plaintext passwords")
            }
        }
    }
}

/// A problem and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub problem: Problem,
    pub path: JsonPath,
}

impl Finding {
    pub fn severity(&self) -> Severity {
        self.problem.severity()
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.path, self.severity(), self.problem)
    }
}

/// Every finding in the file: errors first, then warnings, each in file order.
pub fn validate(file: &UsersFile) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut push = |problem, path| findings.push(Finding { problem, path });

    let mut first_group: HashMap<&str, usize> = HashMap::new();
    for (i, group) in file.groups.iter().enumerate() {
        if let Some(&first) = first_group.get(group.as_str()) {
            let name = group.clone();
            push(Problem::DuplicateGroup { name, first }, JsonPath::group(i));
        } else {
            first_group.insert(group, i);
        }
    }
    let declared: HashSet<&str> = file.groups.iter().map(String::as_str).collect();

    let mut by_name: HashMap<&str, usize> = HashMap::new();
    let mut by_folded: HashMap<String, usize> = HashMap::new();
    for (i, user) in file.users.iter().enumerate() {
        let name = user.user_name.as_str();
        if !user.has_key(crate::model::Key::UserName) && name.is_empty() {
            push(Problem::MissingUserName, JsonPath::user(i));
        } else if name.trim().is_empty() {
            push(Problem::EmptyUserName, JsonPath::user_field(i, "userName"));
        } else if let Some(&first) = by_name.get(name) {
            let name = name.to_owned();
            push(
                Problem::DuplicateUserName { name, first },
                JsonPath::user_field(i, "userName"),
            );
        } else {
            by_name.insert(name, i);
            let folded = name.to_lowercase();
            if let Some(&first) = by_folded.get(&folded) {
                let other = file.users[first].user_name.clone();
                push(
                    Problem::UserNamesDifferInCase {
                        name: name.to_owned(),
                        other,
                        first,
                    },
                    JsonPath::user_field(i, "userName"),
                );
            } else {
                by_folded.insert(folded, i);
            }
        }
        check_password(user, i, &mut push);
        if let Some(email) = user.email_address.as_deref() {
            if !email.is_empty() && !is_plausible_email(email) {
                push(
                    Problem::InvalidEmail {
                        email: email.to_owned(),
                    },
                    JsonPath::user_field(i, "emailAddress"),
                );
            }
        }
        for (j, group) in user.groups.iter().enumerate() {
            if !declared.contains(group.as_str()) {
                push(
                    Problem::UndeclaredGroup {
                        group: group.clone(),
                    },
                    JsonPath::user_field(i, "groups").index(j),
                );
            }
        }
    }
    let count = file.plaintext_count();
    if count > 0 {
        push(
            Problem::PlaintextPasswords { count },
            JsonPath::root().key("users"),
        );
    }
    // Stable: errors first, file order kept within each severity.
    findings.sort_by_key(|f| f.severity());
    findings
}

fn check_password(user: &User, i: usize, push: &mut impl FnMut(Problem, JsonPath)) {
    let field = |name: &str| JsonPath::user_field(i, name);
    match (&user.password_bytes, &user.salt_bytes) {
        (Some(_), None) => push(Problem::PasswordBytesWithoutSalt, field("passwordBytes")),
        (None, Some(_)) => push(Problem::SaltWithoutPasswordBytes, field("saltBytes")),
        _ => {}
    }
    if let Some(bytes) = &user.password_bytes {
        match password::decode(bytes) {
            Err(_) => push(
                Problem::InvalidBase64 {
                    field: "passwordBytes",
                },
                field("passwordBytes"),
            ),
            Ok(b) if b.len() != KEY_LEN => push(
                Problem::PasswordBytesLength { len: b.len() },
                field("passwordBytes"),
            ),
            Ok(_) => {}
        }
    }
    if let Some(salt) = &user.salt_bytes {
        match password::decode(salt) {
            Err(_) => push(
                Problem::InvalidBase64 { field: "saltBytes" },
                field("saltBytes"),
            ),
            Ok(b) if b.len() != SALT_LEN => {
                push(Problem::SaltLength { len: b.len() }, field("saltBytes"))
            }
            Ok(_) => {}
        }
    }
    match (&user.password, &user.password_bytes) {
        (Some(_), Some(_)) => push(Problem::PasswordAndHash, field("password")),
        (None, None) if user.salt_bytes.is_none() => push(Problem::NoPassword, JsonPath::user(i)),
        _ => {}
    }
}

/// Whether `email` could be an address: one `@` with text on both sides, a
/// dot in the domain, no spaces, and no empty labels in the domain.
pub fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_plausible_email("jdoe@example.com"));
        assert!(is_plausible_email("j.doe+ci@mail.example.co.uk"));
        for bad in [
            "jdoe",
            "@example.com",
            "jdoe@",
            "j doe@example.com",
            "a@b@c.d",
            "a@b",
            "a@b..c",
            "a@.b",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }
}
