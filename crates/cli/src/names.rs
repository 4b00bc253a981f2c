//! The users a command works on (`--user NAME...`, `--group NAME` or
//! `--all`), found by ProGet's matching of names
//! ([`proget_users_core::names`]: the exact spelling first, else the first
//! that differs only in letter case).

use crate::failure::Failure;
use proget_users_core::names::{find_group, fold, UserIndex};
use proget_users_core::text::quoted;
use proget_users_core::UsersFile;
use std::collections::HashSet;

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
        let folded = fold(group);
        let members: Vec<&str> = file
            .users
            .iter()
            .filter(|u| u.groups.iter().any(|g| fold(g) == folded))
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
        let index = UserIndex::of(file);
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
