//! The whole file: its users, its declared groups, and its other root
//! fields in their order, with the style and the text it was read from.

use super::{Original, RawJson, TextStyle, User};
use std::fmt;
use std::sync::Arc;

/// A whole export file: `{"users": [...], "groups": [...]}` plus any other
/// root fields.
#[derive(Clone, Default)]
pub struct UsersFile {
    pub users: Vec<User>,
    /// The declared groups (the root `groups` array), in file order.
    pub groups: Vec<String>,
    pub(crate) fields: Vec<RootField>,
    /// How the text was laid out, so writing keeps it.
    pub style: TextStyle,
    /// The text the file was read from, if it was.
    pub(crate) original: Option<Arc<Original>>,
}

impl PartialEq for UsersFile {
    /// Same users, groups, other fields and style, wherever they were read
    /// from.
    fn eq(&self, other: &Self) -> bool {
        self.users == other.users
            && self.groups == other.groups
            && self.fields == other.fields
            && self.style == other.style
    }
}

/// A root key in file order: ours, or one we keep as it was.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum RootField {
    Users,
    Groups,
    Other(String, RawJson),
}

impl UsersFile {
    /// An empty file with `users` and `groups`, in ProGet's order.
    pub fn new() -> Self {
        UsersFile {
            users: Vec::new(),
            groups: Vec::new(),
            fields: vec![RootField::Users, RootField::Groups],
            style: TextStyle::default(),
            original: None,
        }
    }

    /// The index of the user named exactly `name`.
    pub fn user_index(&self, name: &str) -> Option<usize> {
        self.users.iter().position(|u| u.user_name == name)
    }

    /// The user named exactly `name`.
    pub fn user(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.user_name == name)
    }

    /// The user named exactly `name`, to change.
    pub fn user_mut(&mut self, name: &str) -> Option<&mut User> {
        self.users.iter_mut().find(|u| u.user_name == name)
    }

    /// Every group the file knows of: the declared ones, then those only
    /// users name, each once, in order of first appearance.
    pub fn all_groups(&self) -> Vec<String> {
        let mut seen = foldhash::HashSet::default();
        self.groups
            .iter()
            .chain(self.users.iter().flat_map(|u| u.groups.iter()))
            .filter(|g| seen.insert(g.as_str()))
            .cloned()
            .collect()
    }

    /// Root fields we do not know, in file order.
    pub fn extra_fields(&self) -> impl Iterator<Item = (&str, &RawJson)> {
        self.fields.iter().filter_map(|f| match f {
            RootField::Other(k, v) => Some((k.as_str(), v)),
            _ => None,
        })
    }

    /// How many users hold a plaintext `password`.
    pub fn plaintext_count(&self) -> usize {
        self.users.iter().filter(|u| u.password.is_some()).count()
    }
}

impl fmt::Debug for UsersFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UsersFile")
            .field("users", &self.users)
            .field("groups", &self.groups)
            .field("fields", &self.fields)
            .field("style", &self.style)
            .finish()
    }
}
