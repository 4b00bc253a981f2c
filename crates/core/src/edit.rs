//! Changes to a file. Each edit is a function on the model that checks its
//! arguments, changes the model or nothing, and returns a [`Change`] saying
//! what it did (for undo labels, status lines and the command-line tool).
//!
//! Users and groups are named exactly; a new or renamed user may not clash
//! with another user's name even in letter case, because ProGet's user names
//! are not case-sensitive. An edit of many users (join, leave, remove)
//! looks them all up through one [`UserIndex`], so it is linear in the size
//! of the file however many users it names.
//!
//! ```
//! use proget_users_core::{edit, model::{User, UsersFile}};
//! let mut file = UsersFile::new();
//! edit::add_group(&mut file, "Dev").unwrap();
//! let mut user = User::new("jDoe");
//! user.set_groups(vec!["Dev".into()]);
//! edit::add_user(&mut file, user).unwrap();
//! let change = edit::rename_group(&mut file, "Dev", "Developers").unwrap();
//! assert_eq!(change.to_string(), "renamed group Dev to Developers (1 member)");
//! assert_eq!(file.users[0].groups, ["Developers"]);
//! ```

use crate::model::{User, UsersFile};
use crate::names::{self, UserIndex};
use crate::password::{self, PasswordError, PasswordHash};
use crate::text::{escaped, plural, quoted};
use foldhash::{HashMap, HashSet, HashSetExt};
use std::fmt;

/// What an edit changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    UserAdded {
        name: String,
    },
    UsersRemoved {
        names: Vec<String>,
    },
    UserRenamed {
        from: String,
        to: String,
    },
    DisplayNameSet {
        user: String,
        to: Option<String>,
    },
    EmailSet {
        user: String,
        to: Option<String>,
    },
    GroupsSet {
        user: String,
        joined: Vec<String>,
        left: Vec<String>,
    },
    MembershipsChanged {
        group: String,
        joined: Vec<String>,
        left: Vec<String>,
    },
    GroupAdded {
        name: String,
    },
    GroupRenamed {
        from: String,
        to: String,
        members: usize,
    },
    GroupRemoved {
        name: String,
        members: usize,
    },
    GroupsAdded {
        names: Vec<String>,
    },
    PasswordSet {
        user: String,
        hashed: bool,
    },
    PasswordCleared {
        user: String,
    },
    PasswordsHashed {
        users: Vec<String>,
    },
    PasswordBytesHidden {
        users: usize,
    },
}

impl fmt::Display for Change {
    /// Names are shown with control characters escaped
    /// ([`crate::text::escaped`]), without quotes, as labels read best.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::UserAdded { name } => write!(f, "added user {}", escaped(name)),
            Change::UsersRemoved { names } if names.len() == 1 => {
                write!(f, "removed user {}", escaped(&names[0]))
            }
            Change::UsersRemoved { names } => {
                write!(f, "removed {}", plural(names.len(), "user", "users"))
            }
            Change::UserRenamed { from, to } => {
                write!(f, "renamed user {} to {}", escaped(from), escaped(to))
            }
            Change::DisplayNameSet { user, to: Some(to) } => {
                write!(
                    f,
                    "set the display name of {} to {}",
                    escaped(user),
                    escaped(to)
                )
            }
            Change::DisplayNameSet { user, to: None } => {
                write!(f, "removed the display name of {}", escaped(user))
            }
            Change::EmailSet { user, to: Some(to) } => {
                write!(f, "set the email of {} to {}", escaped(user), escaped(to))
            }
            Change::EmailSet { user, to: None } => {
                write!(f, "removed the email of {}", escaped(user))
            }
            Change::GroupsSet { user, joined, left } => write!(
                f,
                "{} joined {} and left {}",
                escaped(user),
                plural(joined.len(), "group", "groups"),
                plural(left.len(), "group", "groups")
            ),
            Change::MembershipsChanged {
                group,
                joined,
                left,
            } => {
                let group = escaped(group);
                match (joined.len(), left.len()) {
                    (n, 0) => write!(f, "added {} to {group}", plural(n, "user", "users")),
                    (0, n) => write!(f, "removed {} from {group}", plural(n, "user", "users")),
                    (j, l) => write!(
                        f,
                        "added {} to {group} and removed {}",
                        plural(j, "user", "users"),
                        plural(l, "user", "users")
                    ),
                }
            }
            Change::GroupAdded { name } => write!(f, "added group {}", escaped(name)),
            Change::GroupRenamed { from, to, members } => write!(
                f,
                "renamed group {} to {} ({})",
                escaped(from),
                escaped(to),
                plural(*members, "member", "members")
            ),
            Change::GroupRemoved { name, members } => write!(
                f,
                "removed group {} ({} lost it)",
                escaped(name),
                plural(*members, "user", "users")
            ),
            Change::GroupsAdded { names } => write!(
                f,
                "added {}",
                plural(names.len(), "missing group", "missing groups")
            ),
            Change::PasswordSet { user, hashed: true } => {
                write!(f, "set a hashed password for {}", escaped(user))
            }
            Change::PasswordSet {
                user,
                hashed: false,
            } => {
                write!(f, "set a plaintext password for {}", escaped(user))
            }
            Change::PasswordCleared { user } => {
                write!(f, "cleared the password of {}", escaped(user))
            }
            Change::PasswordsHashed { users } => {
                write!(f, "hashed {}", plural(users.len(), "password", "passwords"))
            }
            Change::PasswordBytesHidden { users } => write!(
                f,
                "hid the password bytes of {}",
                plural(*users, "user", "users")
            ),
        }
    }
}

/// Why an edit was refused; the file is then unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    UnknownUser(String),
    UserExists(String),
    UnknownGroup(String),
    GroupExists(String),
    EmptyName,
    Password(PasswordError),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::UnknownUser(name) => write!(f, "there is no user {}", quoted(name)),
            EditError::UserExists(name) => write!(f, "a user {} already exists", quoted(name)),
            EditError::UnknownGroup(name) => write!(f, "there is no group {}", quoted(name)),
            EditError::GroupExists(name) => write!(f, "a group {} already exists", quoted(name)),
            EditError::EmptyName => f.write_str("a name cannot be empty"),
            EditError::Password(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for EditError {}

impl From<PasswordError> for EditError {
    fn from(e: PasswordError) -> Self {
        EditError::Password(e)
    }
}

/// How a new password is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PasswordStorage {
    /// Hashed at once (`passwordBytes` and `saltBytes`): the plaintext never
    /// reaches the file.
    #[default]
    Hashed,
    /// Kept as a plaintext `password` for ProGet to hash on import.
    Plaintext,
}

/// The user named exactly `name`, for an edit of one user (one scan).
fn user_index(file: &UsersFile, name: &str) -> Result<usize, EditError> {
    file.user_index(name)
        .ok_or_else(|| EditError::UnknownUser(name.to_owned()))
}

/// The users named exactly `names`, in order, through one index; refused
/// whole if one is unknown.
fn user_indices(file: &UsersFile, names: &[&str]) -> Result<Vec<usize>, EditError> {
    let index = UserIndex::of(file);
    names
        .iter()
        .map(|&name| {
            index
                .exact(name)
                .ok_or_else(|| EditError::UnknownUser(name.to_owned()))
        })
        .collect()
}

/// Refuses a name that is empty or that another user (not `except`) holds,
/// in any letter case (ProGet would take them for one account).
fn check_new_user_name(
    file: &UsersFile,
    name: &str,
    except: Option<usize>,
) -> Result<(), EditError> {
    if name.trim().is_empty() {
        return Err(EditError::EmptyName);
    }
    let folded = names::fold(name);
    let clash = file
        .users
        .iter()
        .enumerate()
        .any(|(i, u)| Some(i) != except && names::fold(&u.user_name) == folded);
    if clash {
        return Err(EditError::UserExists(name.to_owned()));
    }
    Ok(())
}

/// Adds a user at the end.
pub fn add_user(file: &mut UsersFile, user: User) -> Result<Change, EditError> {
    check_new_user_name(file, &user.user_name, None)?;
    let name = user.user_name.clone();
    file.users.push(user);
    Ok(Change::UserAdded { name })
}

/// Removes one user.
pub fn remove_user(file: &mut UsersFile, name: &str) -> Result<Change, EditError> {
    remove_users(file, &[name])
}

/// Removes several users at once; refused whole if one is unknown.
pub fn remove_users(file: &mut UsersFile, names: &[&str]) -> Result<Change, EditError> {
    // One set of the names, marked as users are found: refused whole
    // before anything changes if one is unknown.
    let mut doomed: HashMap<&str, bool> = names.iter().map(|&n| (n, false)).collect();
    for user in &file.users {
        if let Some(found) = doomed.get_mut(user.user_name.as_str()) {
            *found = true;
        }
    }
    if let Some(unknown) = names.iter().find(|&&n| !doomed[n]) {
        return Err(EditError::UnknownUser((*unknown).to_owned()));
    }
    file.users
        .retain(|u| !doomed.contains_key(u.user_name.as_str()));
    Ok(Change::UsersRemoved {
        names: names.iter().map(|n| n.to_string()).collect(),
    })
}

/// Renames a user (a change of letter case alone is allowed).
pub fn rename_user(file: &mut UsersFile, from: &str, to: &str) -> Result<Change, EditError> {
    let i = user_index(file, from)?;
    check_new_user_name(file, to, Some(i))?;
    file.users[i].set_user_name(to.to_owned());
    Ok(Change::UserRenamed {
        from: from.to_owned(),
        to: to.to_owned(),
    })
}

/// Sets or (with `None`) removes a display name.
pub fn set_display_name(
    file: &mut UsersFile,
    user: &str,
    display_name: Option<&str>,
) -> Result<Change, EditError> {
    let i = user_index(file, user)?;
    file.users[i].set_display_name(display_name.map(str::to_owned));
    Ok(Change::DisplayNameSet {
        user: user.to_owned(),
        to: display_name.map(str::to_owned),
    })
}

/// Sets or (with `None` or an empty string) removes an email address.
pub fn set_email(
    file: &mut UsersFile,
    user: &str,
    email: Option<&str>,
) -> Result<Change, EditError> {
    let i = user_index(file, user)?;
    let email = email.map(str::trim).filter(|e| !e.is_empty());
    file.users[i].set_email_address(email.map(str::to_owned));
    Ok(Change::EmailSet {
        user: user.to_owned(),
        to: email.map(str::to_owned),
    })
}

/// Replaces a user's groups (each kept once, in the given order).
pub fn set_groups(file: &mut UsersFile, user: &str, groups: &[&str]) -> Result<Change, EditError> {
    let i = user_index(file, user)?;
    let mut seen = HashSet::new();
    let groups: Vec<String> = groups
        .iter()
        .filter(|g| seen.insert(**g))
        .map(|g| g.to_string())
        .collect();
    let (joined, left) = names::group_changes(&file.users[i].groups, &groups);
    file.users[i].set_groups(groups);
    Ok(Change::GroupsSet {
        user: user.to_owned(),
        joined,
        left,
    })
}

/// Puts the named users in `group` (declared first if it is new).
pub fn join_group(file: &mut UsersFile, users: &[&str], group: &str) -> Result<Change, EditError> {
    if group.trim().is_empty() {
        return Err(EditError::EmptyName);
    }
    let indices = user_indices(file, users)?;
    if !file.groups.iter().any(|g| g == group) {
        file.groups.push(group.to_owned());
    }
    let mut joined = Vec::new();
    for i in indices {
        let user = &mut file.users[i];
        if !user.groups.iter().any(|g| g == group) {
            let mut groups = std::mem::take(&mut user.groups);
            groups.push(group.to_owned());
            user.set_groups(groups);
            joined.push(user.user_name.clone());
        }
    }
    Ok(Change::MembershipsChanged {
        group: group.to_owned(),
        joined,
        left: Vec::new(),
    })
}

/// Takes the named users out of `group`.
pub fn leave_group(file: &mut UsersFile, users: &[&str], group: &str) -> Result<Change, EditError> {
    let indices = user_indices(file, users)?;
    let mut left = Vec::new();
    for i in indices {
        let user = &mut file.users[i];
        if user.groups.iter().any(|g| g == group) {
            user.groups.retain(|g| g != group);
            left.push(user.user_name.clone());
        }
    }
    Ok(Change::MembershipsChanged {
        group: group.to_owned(),
        joined: Vec::new(),
        left,
    })
}

/// Declares a new group.
pub fn add_group(file: &mut UsersFile, name: &str) -> Result<Change, EditError> {
    if name.trim().is_empty() {
        return Err(EditError::EmptyName);
    }
    if file.groups.iter().any(|g| g == name) {
        return Err(EditError::GroupExists(name.to_owned()));
    }
    file.groups.push(name.to_owned());
    Ok(Change::GroupAdded {
        name: name.to_owned(),
    })
}

/// Renames a group in the declared groups and in every user's groups.
pub fn rename_group(file: &mut UsersFile, from: &str, to: &str) -> Result<Change, EditError> {
    if to.trim().is_empty() {
        return Err(EditError::EmptyName);
    }
    if !file.all_groups().iter().any(|g| g == from) {
        return Err(EditError::UnknownGroup(from.to_owned()));
    }
    if from != to && file.all_groups().iter().any(|g| g == to) {
        return Err(EditError::GroupExists(to.to_owned()));
    }
    for group in file.groups.iter_mut().filter(|g| *g == from) {
        *group = to.to_owned();
    }
    let mut members = 0;
    for user in &mut file.users {
        let mut hit = false;
        for group in user.groups.iter_mut().filter(|g| *g == from) {
            *group = to.to_owned();
            hit = true;
        }
        members += usize::from(hit);
    }
    Ok(Change::GroupRenamed {
        from: from.to_owned(),
        to: to.to_owned(),
        members,
    })
}

/// Removes a group from the declared groups and from every user's groups.
pub fn remove_group(file: &mut UsersFile, name: &str) -> Result<Change, EditError> {
    if !file.all_groups().iter().any(|g| g == name) {
        return Err(EditError::UnknownGroup(name.to_owned()));
    }
    file.groups.retain(|g| g != name);
    let mut members = 0;
    for user in &mut file.users {
        let before = user.groups.len();
        user.groups.retain(|g| g != name);
        members += usize::from(user.groups.len() != before);
    }
    Ok(Change::GroupRemoved {
        name: name.to_owned(),
        members,
    })
}

/// Declares every group that users name but the file does not, in order of
/// first mention.
pub fn add_missing_groups(file: &mut UsersFile) -> Change {
    let declared: HashSet<String> = file.groups.iter().cloned().collect();
    let names: Vec<String> = file
        .all_groups()
        .into_iter()
        .filter(|g| !declared.contains(g))
        .collect();
    file.groups.extend(names.iter().cloned());
    Change::GroupsAdded { names }
}

/// Sets a password: hashed at once, or kept as plaintext on request.
pub fn set_password(
    file: &mut UsersFile,
    user: &str,
    password: &str,
    storage: PasswordStorage,
) -> Result<Change, EditError> {
    let i = user_index(file, user)?;
    match storage {
        PasswordStorage::Hashed => {
            let hash = password::hash(password)?;
            file.users[i].set_password_hash(hash.password_bytes, hash.salt_bytes);
        }
        PasswordStorage::Plaintext => file.users[i].set_plaintext_password(password.to_owned()),
    }
    Ok(Change::PasswordSet {
        user: user.to_owned(),
        hashed: storage == PasswordStorage::Hashed,
    })
}

/// Removes a user's password, hash and plaintext alike.
pub fn clear_password(file: &mut UsersFile, user: &str) -> Result<Change, EditError> {
    let i = user_index(file, user)?;
    file.users[i].clear_password();
    Ok(Change::PasswordCleared {
        user: user.to_owned(),
    })
}

/// Hashes every plaintext `password`, putting `passwordBytes` and
/// `saltBytes` where it stood. See [`plaintext_passwords`] and
/// [`apply_hashes`] to do the hashing elsewhere (threads, chunks).
pub fn hash_plaintext_passwords(file: &mut UsersFile) -> Result<Change, EditError> {
    // Hashed from the file itself: no copy of a plaintext is made.
    let mut hashes = Vec::with_capacity(file.plaintext_count());
    for (i, user) in file.users.iter().enumerate() {
        if let Some(plaintext) = &user.password {
            hashes.push((i, password::hash(plaintext)?));
        }
    }
    Ok(apply_hashes(file, hashes))
}

/// The users with a plaintext password: their index and a copy of the
/// plaintext, to hash elsewhere. The copies are secrets: wipe them
/// (`zeroize`) once hashed.
pub fn plaintext_passwords(file: &UsersFile) -> Vec<(usize, String)> {
    file.users
        .iter()
        .enumerate()
        .filter_map(|(i, u)| u.password.clone().map(|p| (i, p)))
        .collect()
}

/// Puts computed hashes in place of users' plaintext passwords.
pub fn apply_hashes(
    file: &mut UsersFile,
    hashes: impl IntoIterator<Item = (usize, PasswordHash)>,
) -> Change {
    let mut users = Vec::new();
    for (i, hash) in hashes {
        if let Some(user) = file.users.get_mut(i) {
            user.set_password_hash(hash.password_bytes, hash.salt_bytes);
            users.push(user.user_name.clone());
        }
    }
    Change::PasswordsHashed { users }
}

/// Drops `passwordBytes` and `saltBytes` everywhere, as ProGet's "Hide
/// Password Bytes" does; an import then leaves those passwords as they are.
pub fn hide_password_bytes(file: &mut UsersFile) -> Change {
    let mut users = 0;
    for user in &mut file.users {
        if user.password_bytes.is_some() || user.salt_bytes.is_some() {
            user.clear_password_hash();
            users += 1;
        }
    }
    Change::PasswordBytesHidden { users }
}
