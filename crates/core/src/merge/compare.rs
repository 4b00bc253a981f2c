//! How two files differ: the users only one has, the users both have
//! alike, and the conflicts, each differing field with both values to show
//! side by side (a password described, never shown); and the groups only
//! one knows.

use crate::model::{User, UsersFile};
use crate::names::{self, UserIndex};
use crate::report::{self, Report};
use crate::text::quoted;
use foldhash::{HashSet, HashSetExt};
use std::fmt;

/// A user field that can differ between the two files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The same name in another letter case.
    UserName,
    DisplayName,
    Email,
    /// The password, plaintext or hash.
    Password,
    /// Group memberships (compared as sets, ignoring letter case).
    Groups,
}

impl Field {
    /// Every field, in the order [`Conflict::fields`] lists them.
    pub const ALL: [Field; 5] = [
        Field::UserName,
        Field::DisplayName,
        Field::Email,
        Field::Password,
        Field::Groups,
    ];

    /// The field's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Field::UserName => "user name",
            Field::DisplayName => "display name",
            Field::Email => "email",
            Field::Password => "password",
            Field::Groups => "groups",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One field of a user as each file has it, to show side by side. `None`
/// is "not set". Passwords are described, never shown: `plaintext`, or
/// `hash ` and the first 8 characters of `passwordBytes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDiff {
    pub field: Field,
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

/// A user both files have, with different fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The name as ours has it.
    pub name: String,
    /// The name as theirs has it (differs in letter case at most).
    pub theirs_name: String,
    /// The fields that differ, in [`Field::ALL`] order.
    pub fields: Vec<FieldDiff>,
}

/// How two files differ; every list in file order (ours first where both
/// have it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    pub only_ours: Vec<String>,
    pub only_theirs: Vec<String>,
    pub conflicts: Vec<Conflict>,
    /// Users alike in both (named as ours has them).
    pub same: Vec<String>,
    /// Groups (declared or named by a user) only ours knows.
    pub groups_only_ours: Vec<String>,
    /// Groups only theirs knows, as theirs spells them.
    pub groups_only_theirs: Vec<String>,
    /// Groups both know, as ours spells them.
    pub groups_both: Vec<String>,
}

impl Comparison {
    /// Whether the files hold the same users and groups alike.
    pub fn is_same(&self) -> bool {
        self.only_ours.is_empty()
            && self.only_theirs.is_empty()
            && self.conflicts.is_empty()
            && self.groups_only_ours.is_empty()
            && self.groups_only_theirs.is_empty()
    }

    /// One difference a line, for people and scripts: `only-ours "a"`,
    /// `only-theirs "b"`, `conflict "c" email "x" | "y"`,
    /// `group-only-ours "g"`, `group-only-theirs "h"`. Values are quoted
    /// (JSON strings, control characters escaped), `(none)` when not set.
    pub fn lines(&self) -> Vec<String> {
        report::lines(self)
    }
}

impl Report for Comparison {
    fn each_line(&self, line: &mut dyn FnMut(fmt::Arguments<'_>) -> fmt::Result) -> fmt::Result {
        for u in &self.only_ours {
            line(format_args!("only-ours {}", quoted(u)))?;
        }
        for u in &self.only_theirs {
            line(format_args!("only-theirs {}", quoted(u)))?;
        }
        for c in &self.conflicts {
            for d in &c.fields {
                let field = d.field.label().replace(' ', "-");
                let (ours, theirs) = (report::value(&d.ours), report::value(&d.theirs));
                line(format_args!(
                    "conflict {} {field} {ours} | {theirs}",
                    quoted(&c.name)
                ))?;
            }
        }
        for g in &self.groups_only_ours {
            line(format_args!("group-only-ours {}", quoted(g)))?;
        }
        for g in &self.groups_only_theirs {
            line(format_args!("group-only-theirs {}", quoted(g)))?;
        }
        Ok(())
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        report::write(self, f)
    }
}

fn norm(value: &Option<String>) -> Option<String> {
    value.clone().filter(|s| !s.is_empty())
}

/// Whether two users are in the same groups, ignoring order and letter
/// case; without allocating for short lists of the same spelling.
fn same_group_set(a: &[String], b: &[String]) -> bool {
    if a == b {
        return true;
    }
    let folded = |groups: &[String]| -> HashSet<String> {
        groups.iter().map(|g| names::fold(g).into_owned()).collect()
    };
    folded(a) == folded(b)
}

fn describe_password(user: &User) -> Option<String> {
    if user.password.is_some() {
        Some("plaintext".to_owned())
    } else if let Some(bytes) = &user.password_bytes {
        Some(format!(
            "hash {}",
            bytes.chars().take(8).collect::<String>()
        ))
    } else {
        user.salt_bytes
            .as_ref()
            .map(|_| "salt without hash".to_owned())
    }
}

fn same_password(a: &User, b: &User) -> bool {
    a.password == b.password && a.password_bytes == b.password_bytes && a.salt_bytes == b.salt_bytes
}

/// Whether `field` differs between the two users.
pub(super) fn differs(field: Field, ours: &User, theirs: &User) -> bool {
    match field {
        Field::UserName => ours.user_name != theirs.user_name,
        Field::DisplayName => norm(&ours.display_name) != norm(&theirs.display_name),
        Field::Email => norm(&ours.email_address) != norm(&theirs.email_address),
        Field::Password => !same_password(ours, theirs),
        Field::Groups => !same_group_set(&ours.groups, &theirs.groups),
    }
}

fn value(field: Field, user: &User) -> Option<String> {
    match field {
        Field::UserName => Some(user.user_name.clone()),
        Field::DisplayName => norm(&user.display_name),
        Field::Email => norm(&user.email_address),
        Field::Password => describe_password(user),
        Field::Groups => (!user.groups.is_empty()).then(|| user.groups.join(", ")),
    }
}

/// The fields in which two users differ.
pub fn diff_user(ours: &User, theirs: &User) -> Vec<FieldDiff> {
    Field::ALL
        .into_iter()
        .filter(|&f| differs(f, ours, theirs))
        .map(|field| FieldDiff {
            field,
            ours: value(field, ours),
            theirs: value(field, theirs),
        })
        .collect()
}

/// The index of the user of `file` that ProGet takes `name` for: the one
/// spelled exactly so, else the first whose name differs only in letter
/// case ([`names::find_user`]).
pub fn find_user(file: &UsersFile, name: &str) -> Option<usize> {
    names::find_user(file, name)
}

/// How `ours` and `theirs` differ. Each file is indexed once; a user is
/// paired with theirs by ProGet's matching ([`UserIndex::find`]), and a
/// second entry of one name (ignoring case) in either file is left to
/// validation.
pub fn compare(ours: &UsersFile, theirs: &UsersFile) -> Comparison {
    let mut cmp = Comparison::default();
    let our_index = UserIndex::of(ours);
    let their_index = UserIndex::of(theirs);
    for (i, user) in ours.users.iter().enumerate() {
        if our_index.alike(&user.user_name) != Some(i) {
            continue; // a second entry for one name: validation reports it
        }
        match their_index.find(&user.user_name) {
            None => cmp.only_ours.push(user.user_name.clone()),
            Some(j) => {
                let fields = diff_user(user, &theirs.users[j]);
                if fields.is_empty() {
                    cmp.same.push(user.user_name.clone());
                } else {
                    cmp.conflicts.push(Conflict {
                        name: user.user_name.clone(),
                        theirs_name: theirs.users[j].user_name.clone(),
                        fields,
                    });
                }
            }
        }
    }
    cmp.only_theirs = theirs
        .users
        .iter()
        .enumerate()
        .filter(|(j, u)| {
            their_index.alike(&u.user_name) == Some(*j) && our_index.alike(&u.user_name).is_none()
        })
        .map(|(_, u)| u.user_name.clone())
        .collect();

    let fold = |file: &UsersFile| -> HashSet<String> {
        file.all_groups()
            .iter()
            .map(|g| names::fold(g).into_owned())
            .collect()
    };
    let (our_groups, their_groups) = (fold(ours), fold(theirs));
    for g in ours.all_groups() {
        if their_groups.contains(names::fold(&g).as_ref()) {
            cmp.groups_both.push(g);
        } else {
            cmp.groups_only_ours.push(g);
        }
    }
    let mut seen = HashSet::new();
    cmp.groups_only_theirs = theirs
        .all_groups()
        .into_iter()
        .filter(|g| {
            let folded = names::fold(g).into_owned();
            !our_groups.contains(&folded) && seen.insert(folded)
        })
        .collect();
    cmp
}
