//! Checking a file: the errors that would make ProGet's import fail or do the
//! wrong thing, and the warnings an administrator should see first.
//!
//! [`validate`] is built from parts a view can recompute separately:
//! [`Context`] (the declared groups and where each user's name was first
//! used, [`first_of_each_name`]; one pass), [`check_user`] (one user's
//! findings, constant time per user but its groups) and [`check_file`]
//! (groups declared twice, the count of plaintext passwords). After an edit of a few users, rebuild the context
//! and run `check_user` for those users and for the users whose names fold
//! like theirs (before and after), whose duplicate-name findings may
//! change. Nothing is allocated for a user without findings.
//!
//! ```
//! use proget_users_core::{parse::parse, validate::{validate, Severity}};
//! let file = parse(br#"{"users":[{"userName":"a"},{"userName":"a"}]}"#).unwrap().file;
//! let findings = validate(&file);
//! assert!(findings.iter().any(|f| f.severity() == Severity::Error));
//! assert_eq!(findings[0].to_string(), "$.users[1].userName: error: the user name \"a\" is used twice (first by users[0])");
//! ```

use crate::model::{Key, User, UsersFile};
use crate::names::{first_of_each_name, FirstOfName};
use crate::password::{KEY_LEN, SALT_LEN};
use crate::path::JsonPath;
use crate::text::quoted;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use foldhash::{HashMap, HashMapExt, HashSet};
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
            Problem::DuplicateUserName { name, first } => write!(
                f,
                "the user name {} is used twice (first by users[{first}])",
                quoted(name)
            ),
            Problem::DuplicateGroup { name, first } => write!(
                f,
                "the group {} is declared twice (first at groups[{first}])",
                quoted(name)
            ),
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
                "the user names {} and {} (users[{first}]) differ only in letter case",
                quoted(name),
                quoted(other)
            ),
            Problem::UndeclaredGroup { group } => {
                write!(f, "the group {} is not in the file's groups", quoted(group))
            }
            Problem::PasswordAndHash => f.write_str(
                "both a plaintext password and passwordBytes: ProGet will use the plaintext",
            ),
            Problem::NoPassword => f.write_str("the user has no password"),
            Problem::SaltLength { len } => {
                write!(f, "saltBytes is {len} bytes; ProGet makes {SALT_LEN}")
            }
            Problem::InvalidEmail { email } => {
                write!(f, "{} cannot be an email address", quoted(email))
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

/// Every finding in the file: errors first, then warnings, each in file
/// order. Linear in the size of the file.
pub fn validate(file: &UsersFile) -> Vec<Finding> {
    let context = Context::new(file);
    let mut findings = Vec::new();
    let (groups, plaintext) = check_file(file);
    findings.extend(groups);
    for i in 0..file.users.len() {
        check_user(&context, i, &mut findings);
    }
    findings.extend(plaintext);
    // Stable: errors first, file order kept within each severity.
    findings.sort_by_key(|f| f.severity());
    findings
}

/// What checking one user needs to know about the whole file, gathered in
/// one pass: the declared groups and where each user's name was first used.
#[derive(Clone, Debug)]
pub struct Context<'a> {
    users: &'a [User],
    declared: HashSet<&'a str>,
    firsts: Vec<FirstOfName>,
}

impl<'a> Context<'a> {
    /// Gathers the context of `file`.
    pub fn new(file: &'a UsersFile) -> Self {
        Context {
            users: &file.users,
            declared: file.groups.iter().map(String::as_str).collect(),
            firsts: first_of_each_name(&file.users),
        }
    }
}

/// The findings of the file as a whole: groups declared twice (errors), and
/// the count of plaintext passwords (a warning), or `None`.
pub fn check_file(file: &UsersFile) -> (Vec<Finding>, Option<Finding>) {
    let mut groups = Vec::new();
    let mut first_group: HashMap<&str, usize> = HashMap::new();
    for (i, group) in file.groups.iter().enumerate() {
        if let Some(&first) = first_group.get(group.as_str()) {
            groups.push(Finding {
                problem: Problem::DuplicateGroup {
                    name: group.clone(),
                    first,
                },
                path: JsonPath::group(i),
            });
        } else {
            first_group.insert(group, i);
        }
    }
    let count = file.plaintext_count();
    let plaintext = (count > 0).then(|| Finding {
        problem: Problem::PlaintextPasswords { count },
        path: JsonPath::root().key("users"),
    });
    (groups, plaintext)
}

/// Appends the findings of user `i` (none if there is no such user) to
/// `out`, in the order [`validate`] lists them before sorting: the name,
/// the password, the email, the groups.
pub fn check_user(context: &Context<'_>, i: usize, out: &mut Vec<Finding>) {
    let (Some(user), Some(first)) = (context.users.get(i), context.firsts.get(i)) else {
        return;
    };
    let mut push = |problem, path| out.push(Finding { problem, path });
    let name = user.user_name.as_str();
    if !user.has_key(Key::UserName) && name.is_empty() {
        push(Problem::MissingUserName, JsonPath::user(i));
    } else if name.trim().is_empty() {
        push(Problem::EmptyUserName, JsonPath::user_field(i, "userName"));
    } else if first.exact != i {
        push(
            Problem::DuplicateUserName {
                name: name.to_owned(),
                first: first.exact,
            },
            JsonPath::user_field(i, "userName"),
        );
    } else if first.alike != i {
        push(
            Problem::UserNamesDifferInCase {
                name: name.to_owned(),
                other: context.users[first.alike].user_name.clone(),
                first: first.alike,
            },
            JsonPath::user_field(i, "userName"),
        );
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
        if !context.declared.contains(group.as_str()) {
            push(
                Problem::UndeclaredGroup {
                    group: group.clone(),
                },
                JsonPath::user_field(i, "groups").index(j),
            );
        }
    }
}

/// The length of a stored base64 field once decoded, or `None` when it is
/// not valid (padded, standard) base64. Short fields, as ProGet's are,
/// decode on the stack.
fn decoded_len(value: &str) -> Option<usize> {
    let mut buf = [0u8; 64];
    if base64::decoded_len_estimate(value.len()) <= buf.len() {
        STANDARD.decode_slice(value, &mut buf).ok()
    } else {
        STANDARD.decode(value).ok().map(|b| b.len())
    }
}

fn check_password(user: &User, i: usize, push: &mut impl FnMut(Problem, JsonPath)) {
    let field = |name: &str| JsonPath::user_field(i, name);
    match (&user.password_bytes, &user.salt_bytes) {
        (Some(_), None) => push(Problem::PasswordBytesWithoutSalt, field("passwordBytes")),
        (None, Some(_)) => push(Problem::SaltWithoutPasswordBytes, field("saltBytes")),
        _ => {}
    }
    if let Some(bytes) = &user.password_bytes {
        match decoded_len(bytes) {
            None => push(
                Problem::InvalidBase64 {
                    field: "passwordBytes",
                },
                field("passwordBytes"),
            ),
            Some(len) if len != KEY_LEN => {
                push(Problem::PasswordBytesLength { len }, field("passwordBytes"))
            }
            Some(_) => {}
        }
    }
    if let Some(salt) = &user.salt_bytes {
        match decoded_len(salt) {
            None => push(
                Problem::InvalidBase64 { field: "saltBytes" },
                field("saltBytes"),
            ),
            Some(len) if len != SALT_LEN => push(Problem::SaltLength { len }, field("saltBytes")),
            Some(_) => {}
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
