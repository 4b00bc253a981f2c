//! Users and groups found by the names given on the command line: the
//! exact name first, else the one that differs only in letter case, as
//! ProGet's names are not case-sensitive.

use crate::failure::Failure;
use proget_users_core::text::quoted;
use proget_users_core::UsersFile;
use std::collections::{HashMap, HashSet};

/// The user named exactly `name`, or else the first whose name differs
/// only in letter case. One pass over the users; for many names, build
/// [`UserNames`] once.
pub fn find_user(file: &UsersFile, name: &str) -> Option<usize> {
    file.user_index(name).or_else(|| {
        let folded = name.to_lowercase();
        file.users
            .iter()
            .position(|u| u.user_name.to_lowercase() == folded)
    })
}

/// Every user of a file by name, to look many names up in linear time.
pub struct UserNames {
    exact: HashMap<String, usize>,
    folded: HashMap<String, usize>,
}

impl UserNames {
    /// The index of `file`'s users (the first of each name wins).
    pub fn new(file: &UsersFile) -> UserNames {
        let mut exact = HashMap::with_capacity(file.users.len());
        let mut folded = HashMap::with_capacity(file.users.len());
        for (i, user) in file.users.iter().enumerate() {
            exact.entry(user.user_name.clone()).or_insert(i);
            folded.entry(user.user_name.to_lowercase()).or_insert(i);
        }
        UserNames { exact, folded }
    }

    /// As [`find_user`].
    pub fn find(&self, name: &str) -> Option<usize> {
        self.exact
            .get(name)
            .or_else(|| self.folded.get(&name.to_lowercase()))
            .copied()
    }
}

/// The group `name` as the file spells it (declared or named by a user):
/// the exact name first, else one that differs only in letter case.
pub fn find_group(file: &UsersFile, name: &str) -> Option<String> {
    let groups = file.all_groups();
    if groups.iter().any(|g| g == name) {
        return Some(name.to_owned());
    }
    let folded = name.to_lowercase();
    groups.into_iter().find(|g| g.to_lowercase() == folded)
}

/// Which users a command works on: `--user NAME...`, `--group NAME` or
/// `--all`.
pub struct Selection<'a> {
    pub users: &'a [String],
    pub group: Option<&'a str>,
    pub all: bool,
}

/// The exact names of the users `selection` picks, each once: in file
/// order for a group and for all, in argument order for users. An unknown
/// user or group, a group without members, or no users at all is a failure
/// (exit 2); `name` is how the file is named in messages.
pub fn chosen(
    file: &UsersFile,
    name: &str,
    selection: &Selection<'_>,
) -> Result<Vec<String>, Failure> {
    let mut seen = HashSet::new();
    let mut out: Vec<String> = Vec::new();
    let mut push = |user: &str| {
        if seen.insert(user.to_owned()) {
            out.push(user.to_owned());
        }
    };
    if selection.all {
        if file.users.is_empty() {
            return Err(Failure::Message(format!("{name} has no users")));
        }
        file.users.iter().for_each(|u| push(&u.user_name));
    } else if let Some(group) = selection.group {
        let folded = group.to_lowercase();
        let members: Vec<&str> = file
            .users
            .iter()
            .filter(|u| u.groups.iter().any(|g| g.to_lowercase() == folded))
            .map(|u| u.user_name.as_str())
            .collect();
        if members.is_empty() {
            return Err(Failure::Message(match find_group(file, group) {
                Some(_) => format!("the group {} in {name} has no members", quoted(group)),
                None => format!("{name} has no group named {}", quoted(group)),
            }));
        }
        members.into_iter().for_each(&mut push);
    } else {
        let index = UserNames::new(file);
        let unknown: Vec<String> = selection
            .users
            .iter()
            .filter(|u| index.find(u).is_none())
            .map(|u| quoted(u).to_string())
            .collect();
        if !unknown.is_empty() {
            return Err(Failure::Message(format!(
                "{name} has no user named {}",
                unknown.join(", ")
            )));
        }
        for user in selection.users {
            if let Some(i) = index.find(user) {
                push(&file.users[i].user_name);
            }
        }
    }
    Ok(out)
}
